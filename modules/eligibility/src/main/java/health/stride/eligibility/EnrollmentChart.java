package health.stride.eligibility;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The bars of the enrollment chart, laid out for an SVG drawn on the server: per month one bar
 * for members who enrolled and one for members who were active. Withheld counts get a short
 * outlined bar and no number.
 */
public record EnrollmentChart(int width, int height, List<Bar> bars, List<Label> labels) {

	public record Bar(int x, int y, int width, int height, String series, boolean withheld, String title) {}

	public record Label(int x, int y, String text) {}

	static final int HEIGHT = 180, BASE = 150, TOP = 20, SLOT = 44, BAR = 16;

	public static EnrollmentChart of(EnrollmentReport report) {

		long max = 11;
		for (var month : report.byMonth()) {
			max = Math.max(max, value(month.enrolled()));
			max = Math.max(max, value(month.active()));
		}

		var bars = new ArrayList<Bar>();
		var labels = new ArrayList<Label>();
		int x = 10;

		for (var month : report.byMonth()) {
			bars.add(bar(x, month.enrolled(), max, "enrolled", month.month() + ": enrolled"));
			bars.add(bar(x + BAR + 2, month.active(), max, "active", month.month() + ": active"));
			labels.add(new Label(x + BAR, BASE + 16, month.month().getMonth().toString().substring(0, 3)));
			x += SLOT;
		}

		return new EnrollmentChart(x + 10, HEIGHT, bars, labels);
	}

	private static Bar bar(int x, @Nullable Long count, long max, String series, String what) {

		if (count == null) {
			return new Bar(x, BASE - 6, BAR, 6, series, true, what + " fewer than 11");
		}

		var height = (int) Math.round((double) count / max * (BASE - TOP));
		return new Bar(x, BASE - height, BAR, height, series, false, what + " " + count);
	}

	private static long value(@Nullable Long count) {
		return count == null ? 0 : count;
	}
}
