package health.stride.programs.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import health.stride.programs.Lesson;

/**
 * The page a template's or a plan's lessons are put in order with: every lesson of the library with
 * its place in the list (a number) or none (left out). No script needed: the numbers give the order,
 * ties keep the library's order.
 */
final class LessonOrder {

	/** A lesson of the library and its place in the list, as typed ("" when left out). */
	record Row(String slug, String title, String takeaway, int minutes, boolean custom, String place) {}

	/** The field name of a lesson's place: {@code at.<slug>}. */
	static final String PREFIX = "at.";

	private LessonOrder() {}

	static List<Row> rows(List<Lesson> library, List<String> listed) {
		var rows = new ArrayList<Row>();
		for (var lesson : library) {
			var index = listed.indexOf(lesson.slug());
			rows.add(new Row(lesson.slug(), lesson.title(), lesson.takeaway(), lesson.minutes(), lesson.custom(),
					index < 0 ? "" : String.valueOf(index + 1)));
		}
		rows.sort(Comparator.comparing((Row it) -> it.place().isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(it.place())));
		return rows;
	}

	/** The rows as the form sent them, to show again beside its problem. */
	static List<Row> rows(List<Lesson> library, Map<String, String> sent) {
		return library.stream().map(it -> new Row(it.slug(), it.title(), it.takeaway(), it.minutes(), it.custom(),
				shown(sent.get(PREFIX + it.slug())))).toList();
	}

	/** The lessons in the order the form's numbers give, or null if a number is not one from 1 to 99. */
	static @Nullable List<String> listed(List<Lesson> library, Map<String, String> sent) {
		record Placed(String slug, int place, int index) {}
		var placed = new ArrayList<Placed>();
		for (int i = 0; i < library.size(); i++) {
			var slug = library.get(i).slug();
			var value = sent.getOrDefault(PREFIX + slug, "").strip();
			if (value.isEmpty()) {
				continue;
			}
			if (!value.matches("[0-9]{1,2}") || Integer.parseInt(value) < 1) {
				return null;
			}
			placed.add(new Placed(slug, Integer.parseInt(value), i));
		}
		return placed.stream().sorted(Comparator.comparingInt(Placed::place).thenComparingInt(Placed::index))
				.map(Placed::slug).toList();
	}

	private static String shown(@Nullable String value) {
		return value == null ? "" : value.length() > 3 ? value.substring(0, 3) : value;
	}
}
