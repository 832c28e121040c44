package health.stride.eligibility;

/**
 * Counts of people shown to sponsors: from 1 to 10 a count could point at a person, so it is
 * shown as "fewer than 11" instead.
 */
public final class SmallCounts {

	public static final int SMALLEST_SHOWN = 11;

	private SmallCounts() {}

	public static boolean suppressed(long count) {
		return count > 0 && count < SMALLEST_SHOWN;
	}

	public static String shown(long count) {
		return suppressed(count) ? "fewer than 11" : String.format("%,d", count);
	}
}
