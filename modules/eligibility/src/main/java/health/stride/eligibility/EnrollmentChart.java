package health.stride.eligibility;

import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The bars of the enrollment chart, laid out for an SVG drawn on the server: per month one bar
 * for members who enrolled and one for members who were active. Withheld counts get a short
 * outlined bar and no number. Month names are in the reader's language; a bar's title is a message
 * code with its arguments, for the template to put in words.
 */
public record EnrollmentChart(int width, int height, List<Bar> bars, List<Label> labels, List<MonthName> months) {

	public record Bar(int x, int y, int width, int height, String series, boolean withheld, String titleCode,
			List<Object> titleArguments) {}

	public record Label(int x, int y, String text) {}

	/** A month of the report in the reader's language, the year as text for the table's rows. */
	public record MonthName(String month, String year) {}

	static final int HEIGHT = 180, BASE = 150, TOP = 20, SLOT = 44, BAR = 16;

	public static EnrollmentChart of(EnrollmentReport report, Locale locale) {

		long max = 11;
		for (var month : report.byMonth()) {
			max = Math.max(max, value(month.enrolled()));
			max = Math.max(max, value(month.active()));
		}

		var bars = new ArrayList<Bar>();
		var labels = new ArrayList<Label>();
		var months = new ArrayList<MonthName>();
		int x = 10;

		for (var month : report.byMonth()) {
			bars.add(bar(x, month.enrolled(), max, "enrolled", month.month(), locale));
			bars.add(bar(x + BAR + 2, month.active(), max, "active", month.month(), locale));
			labels.add(new Label(x + BAR, BASE + 16, month.month().getMonth().getDisplayName(TextStyle.SHORT_STANDALONE, locale)));
			months.add(name(month.month(), locale));
			x += SLOT;
		}

		return new EnrollmentChart(x + 10, HEIGHT, bars, labels, months);
	}

	private static Bar bar(int x, @Nullable Long count, long max, String series, YearMonth month, Locale locale) {

		var name = name(month, locale);

		if (count == null) {
			return new Bar(x, BASE - 6, BAR, 6, series, true, "eligibility.enrollment.chart.withheld." + series,
					List.of(name.month(), name.year()));
		}

		var height = (int) Math.round((double) count / max * (BASE - TOP));
		return new Bar(x, BASE - height, BAR, height, series, false, "eligibility.enrollment.chart." + series,
				List.of(name.month(), name.year(), count));
	}

	/** The year as text, so that it is not written as a number with a thousands separator. */
	private static MonthName name(YearMonth month, Locale locale) {
		return new MonthName(month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale),
				String.valueOf(month.getYear()));
	}

	private static long value(@Nullable Long count) {
		return count == null ? 0 : count;
	}
}
