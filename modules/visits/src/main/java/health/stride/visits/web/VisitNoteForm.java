package health.stride.visits.web;

import org.jspecify.annotations.Nullable;

import health.stride.platform.validation.FieldErrors;
import health.stride.visits.VisitNote;

/**
 * The note as the clinician typed it. Minutes and version come as text so that anything typed is
 * answered beside its field rather than by a failed conversion; version is the optimistic lock the
 * save compares.
 */
record VisitNoteForm(@Nullable String subjective, @Nullable String objective, @Nullable String assessment,
		@Nullable String plan, @Nullable String minutes, @Nullable String version) {

	static VisitNoteForm of(VisitNote note) {
		var sections = note.sections();
		return new VisitNoteForm(sections.subjective(), sections.objective(), sections.assessment(), sections.plan(),
				note.minutes() == null ? "" : String.valueOf(note.minutes()), String.valueOf(note.version()));
	}

	VisitNote.Sections sections() {
		return new VisitNote.Sections(text(subjective), text(objective), text(assessment), text(plan));
	}

	/** The minutes typed, none when the field is empty; a field error when they are not a whole number. */
	@Nullable Integer minutes(FieldErrors errors) {
		var typed = minutes == null ? "" : minutes.strip();
		if (typed.isEmpty()) {
			return null;
		}
		try {
			return typed.length() > 4 ? -1 : Integer.valueOf(typed);
		} catch (NumberFormatException notANumber) {
			errors.reject("minutes", "visits.note.minutes", health.stride.visits.VisitNotes.MAX_MINUTES);
			return null;
		}
	}

	/** The version the form was loaded at; -1 (never stored) when it is missing or not a number. */
	long expectedVersion() {
		try {
			return version == null ? -1 : Long.parseLong(version.strip());
		} catch (NumberFormatException notANumber) {
			return -1;
		}
	}

	VisitNoteForm withVersion(long current) {
		return new VisitNoteForm(subjective, objective, assessment, plan, minutes, String.valueOf(current));
	}

	private static String text(@Nullable String text) {
		return text == null ? "" : text;
	}
}
