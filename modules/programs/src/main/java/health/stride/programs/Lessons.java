package health.stride.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.platform.security.StrideUser;
import health.stride.platform.validation.FieldErrors;

/**
 * The education library of the current clinic: Stride's lessons and the clinic's own. Templates and
 * plans list lessons in order; a patient with a plan gets one a day ("today's lesson"), the first of
 * their plan's list they have not read, fixed for the day once shown.
 */
public interface Lessons {

	int TITLE_LIMIT = 100;
	int TAKEAWAY_LIMIT = 200;
	/** The text's limit in characters: well above 500 words, far below what a request may carry. */
	int BODY_LIMIT = 6_000;
	int PARAGRAPH_LIMIT = 40;
	/** The words a clinic's lesson must have; 200 to 500 is what the form advises (Stride's own all are). */
	int FEWEST_WORDS = 50;
	int MOST_WORDS = 800;
	int ADVISED_FEWEST_WORDS = 200;
	int ADVISED_MOST_WORDS = 500;

	/** A clinic's lesson as its staff wrote it; {@link #of} checks it. */
	record Draft(String title, String takeaway, List<String> paragraphs) {

		public Draft {
			paragraphs = List.copyOf(paragraphs);
		}

		/**
		 * The lesson from what a form or request sent: the text's paragraphs are separated by blank lines.
		 *
		 * @throws health.stride.platform.validation.InvalidInput for a blank or too long title or takeaway,
		 *         a control character (line breaks only in the text), or a text of too many characters,
		 *         paragraphs or words, or too few words
		 */
		public static Draft of(@Nullable String title, @Nullable String takeaway, @Nullable String body) {

			var errors = new FieldErrors();
			var name = title == null ? "" : title.strip();
			if (name.isEmpty() || name.length() > TITLE_LIMIT || controlled(name, false)
					|| !name.codePoints().anyMatch(Character::isLetterOrDigit)) {
				errors.reject("title", "programs.lesson-form.error.title", TITLE_LIMIT);
			}
			var line = takeaway == null ? "" : takeaway.strip();
			if (line.isEmpty() || line.length() > TAKEAWAY_LIMIT || controlled(line, false)) {
				errors.reject("takeaway", "programs.lesson-form.error.takeaway", TAKEAWAY_LIMIT);
			}
			var text = body == null ? "" : body.strip();
			var paragraphs = new ArrayList<String>();
			if (text.length() > BODY_LIMIT || controlled(text, true)) {
				errors.reject("body", "programs.lesson-form.error.body", BODY_LIMIT);
			} else {
				for (var paragraph : text.split("\\R\\s*\\R")) {
					var joined = paragraph.strip().replaceAll("\\s*\\R\\s*", " ");
					if (!joined.isEmpty()) {
						paragraphs.add(joined);
					}
				}
				var words = paragraphs.stream().mapToInt(Lesson::words).sum();
				if (paragraphs.size() > PARAGRAPH_LIMIT || words < FEWEST_WORDS || words > MOST_WORDS) {
					errors.reject("body", "programs.lesson-form.error.words", FEWEST_WORDS, MOST_WORDS, words,
							PARAGRAPH_LIMIT);
				}
			}
			errors.throwIfAny();
			return new Draft(name, line, paragraphs);
		}

		private static boolean controlled(String text, boolean lineBreaks) {
			for (int i = 0; i < text.length(); i++) {
				var c = text.charAt(i);
				if (lineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
					continue;
				}
				if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				if (Character.isISOControl(c) || Character.isSurrogate(c)) {
					return true;
				}
			}
			return false;
		}
	}

	/** The library has a lesson of that title (or of the address made from it) already. */
	final class TitleTaken extends RuntimeException {

		public TitleTaken(String title) {
			super("The library has a lesson called " + title + " already.");
		}
	}

	/** A lesson of the patient's plan, and whether they have read it. */
	record Progress(Lesson lesson, boolean read) {}

	/** Stride's lessons in their order, then the clinic's own by title; Stride's in the reader's language, the clinic's as written. */
	List<Lesson> library(Locale locale);

	/** One lesson of the library in the reader's language. */
	Optional<Lesson> find(String slug, Locale locale);

	/**
	 * Adds a lesson of the clinic's own, reviewed today.
	 *
	 * @throws TitleTaken if the library has a lesson of that title
	 */
	Lesson add(Draft draft, String createdBy);

	/**
	 * Changes one of the clinic's own lessons, reviewed today; its slug stays, so the lists that name it keep it.
	 *
	 * @return false if the clinic has no lesson of its own with that slug
	 * @throws TitleTaken if the new title is another lesson's
	 */
	boolean update(String slug, Draft draft);

	/** The template's lessons in order (its catalogue's default until the clinic sets them). */
	List<String> ofTemplate(UUID templateId);

	/**
	 * Sets the template's lessons in order; plans made from it before keep theirs.
	 *
	 * @return false if the clinic has no such template
	 * @throws IllegalArgumentException for a lesson not in the library, or one named twice
	 */
	boolean changeTemplate(UUID templateId, List<String> slugs);

	/** The lessons of the patient's current plan in order (none without a plan). */
	List<String> ofPlan(PatientId patient);

	/**
	 * Sets the lessons of the patient's plan in order.
	 *
	 * @throws Plans.NotYourPatient unless the therapist is the patient's therapist of record and the patient has a plan
	 * @throws IllegalArgumentException for a lesson not in the library, or one named twice
	 */
	void changePlan(PatientId patient, List<String> slugs, StrideUser therapist);

	/** The lessons of the patient's plan in order, in the reader's language, with what they have read. */
	List<Progress> progress(PatientId patient, Locale locale);

	/**
	 * Today's lesson for the patient, in the reader's language: the first of their plan's lessons they
	 * have not read, fixed for the day (of their time zone) once shown. None without a plan, once all
	 * are read, or when they read a lesson today already.
	 */
	Optional<Lesson> today(PatientId patient, Locale locale);

	/** The patient read the lesson; the first time counts, reading it again changes nothing. */
	void read(PatientId patient, String slug);

	/** The patient read the lesson at that time (what the demo data says they did); the first time counts. */
	void read(PatientId patient, String slug, java.time.Instant at);
}
