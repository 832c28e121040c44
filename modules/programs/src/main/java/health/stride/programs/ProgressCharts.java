package health.stride.programs;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;

/**
 * The outcome charts as plain geometry for server-rendered SVG: every chart carries its own text
 * alternative and its numbers, so the pages show a table beside the picture.
 */
public final class ProgressCharts {

	private ProgressCharts() {}

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

	/** Puts a chart's words into a language: a message code of the programs bundle with its arguments. */
	@FunctionalInterface
	interface Words {
		String text(String code, Object... arguments);
	}

	/** In the reader's language: titles, summaries and dates from the programs bundle. */
	public static LineChart pain(List<Outcomes.PainPoint> pain, MessageSource messages, Locale locale) {
		return pain(pain, words(messages, locale), locale);
	}

	static LineChart pain(List<Outcomes.PainPoint> pain, Words words, Locale locale) {
		var day = day(words, locale);
		var summary = pain.isEmpty() ? words.text("programs.chart.pain.empty")
				: words.text("programs.chart.pain.summary", format(pain.get(0).pain(), locale),
						format(pain.get(pain.size() - 1).pain(), locale), pain.size());
		return line(words.text("programs.chart.pain.title"), summary, pain.stream()
				.map(it -> new Dated(it.day(), it.pain(),
						words.text("programs.chart.pain.point", day.format(it.day()), format(it.pain(), locale))))
				.toList(), day);
	}

	public static LineChart psfs(List<Outcomes.PsfsPoint> psfs, MessageSource messages, Locale locale) {
		return psfs(psfs, words(messages, locale), locale);
	}

	static LineChart psfs(List<Outcomes.PsfsPoint> psfs, Words words, Locale locale) {
		var day = day(words, locale);
		var summary = psfs.isEmpty() ? words.text("programs.chart.psfs.empty")
				: words.text("programs.chart.psfs.summary", format(psfs.get(0).mean(), locale),
						format(psfs.get(psfs.size() - 1).mean(), locale));
		return line(words.text("programs.chart.psfs.title"), summary, psfs.stream()
				.map(it -> new Dated(it.day(), it.mean(),
						words.text("programs.chart.psfs.point", day.format(it.day()), format(it.mean(), locale))))
				.toList(), day);
	}

	public static BarChart sessions(List<Outcomes.Week> weeks, MessageSource messages, Locale locale) {
		return sessions(weeks, words(messages, locale), locale);
	}

	static BarChart sessions(List<Outcomes.Week> weeks, Words words, Locale locale) {
		var day = day(words, locale);
		var most = Math.max(7, weeks.stream().mapToInt(it -> Math.max(it.sessions(), it.planned())).max().orElse(7));
		var plot = WIDTH - LEFT - RIGHT;
		var slot = plot / (double) Math.max(1, weeks.size());
		var bars = new ArrayList<Bar>();
		for (int i = 0; i < weeks.size(); i++) {
			var week = weeks.get(i);
			var top = y(week.sessions(), most);
			bars.add(new Bar(LEFT + i * slot + slot * 0.2, top, slot * 0.6, HEIGHT - BOTTOM - top, y(week.planned(), most),
					words.text("programs.chart.sessions.bar", day.format(week.starts()), week.sessions(), week.planned(),
							week.walkingMinutes())));
		}
		var summary = weeks.stream().map(it -> it.sessions() + "/" + it.planned()).collect(Collectors.joining(", "));
		return new BarChart(words.text("programs.chart.sessions.title"),
				words.text("programs.chart.sessions.summary", summary), bars,
				List.of(new Tick(y(0, most), "0"), new Tick(y(most, most), String.valueOf(most))));
	}

	private static Words words(MessageSource messages, Locale locale) {
		return (code, arguments) -> messages.getMessage(code, arguments, locale);
	}

	/** Days on the axes and in the numbers, as the bundle's pattern for the language writes them ("Nov 3", "3 nov"). */
	private static DateTimeFormatter day(Words words, Locale locale) {
		return DateTimeFormatter.ofPattern(words.text("programs.chart.day-pattern"), locale);
	}

	record Dated(LocalDate day, double value, String label) {}

	private static LineChart line(String title, String summary, List<Dated> values, DateTimeFormatter day) {
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
		var xTicks = first.equals(last) ? List.of(new Tick(points.get(0).x(), day.format(first)))
				: List.of(new Tick(LEFT, day.format(first)), new Tick(WIDTH - RIGHT, day.format(last)));
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

	static String format(double value, Locale locale) {
		var number = java.text.NumberFormat.getNumberInstance(locale);
		number.setMaximumFractionDigits(1);
		number.setMinimumFractionDigits(value == Math.rint(value) ? 0 : 1);
		number.setGroupingUsed(false);
		return number.format(value);
	}
}
