package health.stride.programs;

import java.time.LocalDate;
import java.util.List;

/**
 * A short lesson of the education library: a title, the one line to remember, the text in
 * paragraphs (plain text, shown as written), and the day its content was last reviewed. Stride's own
 * lessons every clinic shares; custom ones are the clinic's.
 */
public record Lesson(String slug, String title, String takeaway, List<String> paragraphs, LocalDate reviewedOn,
		boolean custom) {

	/** Words a patient reads in a minute, for the minutes a lesson takes (a slow, careful pace). */
	public static final int WORDS_PER_MINUTE = 200;

	public Lesson {
		paragraphs = List.copyOf(paragraphs);
	}

	/** The words of the text (not of the title or the takeaway). */
	public int words() {
		return paragraphs.stream().mapToInt(Lesson::words).sum();
	}

	/** How many minutes it takes to read, rounded up: at least one. */
	public int minutes() {
		return Math.max(1, (words() + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
	}

	public static int words(String text) {
		var stripped = text.strip();
		return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
	}
}
