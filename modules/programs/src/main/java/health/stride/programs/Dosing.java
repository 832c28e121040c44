package health.stride.programs;

import org.jspecify.annotations.Nullable;

/**
 * How much of an exercise: sets of either repetitions or a duration, how long each repetition is
 * held, on which side, how often, and the rest between sets, with a note from the therapist.
 */
public record Dosing(int sets, @Nullable Integer reps, @Nullable Integer durationSeconds, @Nullable Integer holdSeconds,
		Side side, int timesPerDay, int daysPerWeek, int restSeconds, @Nullable String note) {

	public Dosing {
		if ((reps == null) == (durationSeconds == null)) {
			throw new IllegalArgumentException("A dosing has either repetitions or a duration");
		}
	}

	/** Short form for lists and diffs: "2×10 each side, hold 5 s" or "3×30 s". */
	public String summary() {
		var amount = reps != null ? sets + "×" + reps : sets + "×" + seconds(durationSeconds);
		return amount + (side == Side.EACH ? " each side" : "") + (holdSeconds == null ? "" : ", hold " + holdSeconds + " s");
	}

	private static String seconds(@Nullable Integer seconds) {
		if (seconds == null) {
			return "";
		}
		return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
	}
}
