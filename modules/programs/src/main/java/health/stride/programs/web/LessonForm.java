package health.stride.programs.web;

import org.jspecify.annotations.Nullable;

import health.stride.programs.Lesson;

/** A clinic's lesson as typed on its form: paragraphs separated by blank lines. {@code Lessons.Draft.of} checks it. */
record LessonForm(@Nullable String title, @Nullable String takeaway, @Nullable String body) {

	static LessonForm empty() {
		return new LessonForm("", "", "");
	}

	static LessonForm of(Lesson lesson) {
		return new LessonForm(lesson.title(), lesson.takeaway(), String.join("\n\n", lesson.paragraphs()));
	}

	/** The body's words as typed, for the form's advice (200 to 500). */
	public int words() {
		return body == null ? 0 : Lesson.words(body);
	}
}
