package health.stride.eligibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Small-cell suppression for counts of people. A count from 1 to 10 is withheld (primary). Where a
 * total is shown with its parts, a single withheld part could be worked out by subtraction, so a
 * second cell is withheld too: the smallest shown non-zero part, or else the total
 * (complementary).
 */
public final class Suppression {

	/** The smallest count of people shown. */
	public static final long SMALLEST_SHOWN = 11;

	private Suppression() {}

	public static @Nullable Long single(long count) {
		return count > 0 && count < SMALLEST_SHOWN ? null : count;
	}

	/**
	 * Suppresses a total and the parts it is the sum of.
	 *
	 * @return the total first, then the parts in order; {@code null} where withheld
	 */
	public static List<@Nullable Long> group(long total, long... parts) {

		var cells = new Long[parts.length + 1];
		cells[0] = total;
		for (int i = 0; i < parts.length; i++) {
			cells[i + 1] = parts[i];
		}
		for (int i = 0; i < cells.length; i++) {
			cells[i] = single(cells[i]);
		}

		var withheldParts = Arrays.stream(cells, 1, cells.length).filter(it -> it == null).count();

		if (withheldParts == 1 && cells[0] != null) {
			var smallest = -1;
			for (int i = 1; i < cells.length; i++) {
				if (cells[i] != null && cells[i] > 0 && (smallest < 0 || cells[i] < cells[smallest])) {
					smallest = i;
				}
			}
			if (smallest > 0) {
				cells[smallest] = null;
			} else {
				cells[0] = null;
			}
		}
		return new ArrayList<>(Arrays.asList(cells));
	}
}
