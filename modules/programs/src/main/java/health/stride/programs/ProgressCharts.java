package health.stride.programs;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The outcome charts as plain geometry for server-rendered SVG: every chart carries its own text
 * alternative and its numbers, so the pages show a table beside the picture.
 */
public final class ProgressCharts {

	private ProgressCharts() {}

	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.US);

	public static final int WIDTH = 600;
	public static final int HEIGHT = 220;
	static final int LEFT = 40, RIGHT = 16, TOP = 12, BOTTOM = 28;

	public record Point(double x, double y, String label) {}

	public record Tick(double at, String label) {}

	/** A line over time on a fixed scale: the polyline, its points, the ticks of both axes, and its summary. */
	public record LineChart(String title, String summary, String polyline, List<Point> points, List<Tick> yTicks,
			List<Tick> xTicks) {

		public boolean empty() {
			return points.isEmpty();
		}
	}

	public record Bar(double x, double y, double width, double height, double plannedY, String label) {}

	public record BarChart(String title, String summary, List<Bar> bars, List<Tick> yTicks) {}

	public static LineChart pain(List<Outcomes.PainPoint> pain) {
		var summary = pain.isEmpty() ? "No pain scores yet."
				: "Started at " + format(pain.get(0).pain()) + ", latest " + format(pain.get(pain.size() - 1).pain()) + "; "
						+ pain.size() + (pain.size() == 1 ? " score." : " scores.");
		return line("Pain (0–10) over time", summary, pain.stream()
				.map(it -> new Dated(it.day(), it.pain(), DAY.format(it.day()) + ": pain " + format(it.pain()))).toList());
	}

	public static LineChart psfs(List<Outcomes.PsfsPoint> psfs) {
		var summary = psfs.isEmpty() ? "No ratings yet."
				: "Started at " + format(psfs.get(0).mean()) + ", latest " + format(psfs.get(psfs.size() - 1).mean())
						+ " (mean of your activities, 0 cannot do to 10 as before).";
		return line("Activities you named (PSFS, 0–10)", summary, psfs.stream()
				.map(it -> new Dated(it.day(), it.mean(), DAY.format(it.day()) + ": " + format(it.mean()))).toList());
	}

	public static BarChart sessions(List<Outcomes.Week> weeks) {
		var most = Math.max(7, weeks.stream().mapToInt(it -> Math.max(it.sessions(), it.planned())).max().orElse(7));
		var plot = WIDTH - LEFT - RIGHT;
		var slot = plot / (double) Math.max(1, weeks.size());
		var bars = new ArrayList<Bar>();
		for (int i = 0; i < weeks.size(); i++) {
			var week = weeks.get(i);
			var top = y(week.sessions(), most);
			bars.add(new Bar(LEFT + i * slot + slot * 0.2, top, slot * 0.6, HEIGHT - BOTTOM - top, y(week.planned(), most),
					"Week of " + DAY.format(week.starts()) + ": " + week.sessions() + " of " + week.planned() + " sessions, "
							+ week.walkingMinutes() + " walking minutes"));
		}
		var summary = weeks.stream().map(it -> it.sessions() + "/" + it.planned()).collect(Collectors.joining(", "));
		return new BarChart("Sessions a week against the plan", "Sessions done of planned, week by week: " + summary + ".",
				bars, List.of(new Tick(y(0, most), "0"), new Tick(y(most, most), String.valueOf(most))));
	}

	record Dated(LocalDate day, double value, String label) {}

	private static LineChart line(String title, String summary, List<Dated> values) {
		if (values.isEmpty()) {
			return new LineChart(title, summary, "", List.of(), ticks(), List.of());
		}
		var first = values.get(0).day();
		var last = values.get(values.size() - 1).day();
		var span = Math.max(1, ChronoUnit.DAYS.between(first, last));
		var plot = WIDTH - LEFT - RIGHT;
		var points = new ArrayList<Point>();
		for (int i = 0; i < values.size(); i++) {
			var value = values.get(i);
			var x = values.size() == 1 ? LEFT + plot / 2.0 : LEFT + plot * ChronoUnit.DAYS.between(first, value.day()) / (double) span;
			points.add(new Point(round(x), y(value.value(), 10), value.label()));
		}
		var polyline = points.stream().map(it -> it.x() + "," + it.y()).collect(Collectors.joining(" "));
		var xTicks = first.equals(last) ? List.of(new Tick(points.get(0).x(), DAY.format(first)))
				: List.of(new Tick(LEFT, DAY.format(first)), new Tick(WIDTH - RIGHT, DAY.format(last)));
		return new LineChart(title, summary, polyline, points, ticks(), xTicks);
	}

	private static List<Tick> ticks() {
		return List.of(new Tick(y(0, 10), "0"), new Tick(y(5, 10), "5"), new Tick(y(10, 10), "10"));
	}

	private static double y(double value, double most) {
		return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / most));
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	static String format(double value) {
		return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.US, "%.1f", value);
	}
}
