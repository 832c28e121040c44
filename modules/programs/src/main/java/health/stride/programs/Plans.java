package health.stride.programs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

import health.stride.patients.PatientId;
import health.stride.platform.security.StrideUser;

/**
 * Patients' plans. Only the therapist of the patient's care team of record (asked through the
 * patients module) assigns one; a plan is a copy of the template, so later template edits do not
 * change it. While a red flag is open the patient's exercise is on hold.
 */
public interface Plans {

	/** The patient is not one of this therapist's (or not of this clinic): for them, the patient does not exist. */
	final class NotYourPatient extends RuntimeException {

		public NotYourPatient() {
			super("No such patient.");
		}
	}

	/** Why the patient's exercise is on hold, if it is. */
	record Hold(Instant since, boolean emergency) {}

	/** Someone saved the plan since the therapist opened it; nothing was changed. */
	final class StaleVersion extends RuntimeException {

		private final long current;
		private final List<Phrase> lastChange;

		public StaleVersion(long current, List<Phrase> lastChange) {
			super("The plan was changed in the meantime (now version " + current + ").");
			this.current = current;
			this.lastChange = List.copyOf(lastChange);
		}

		public long current() {
			return current;
		}

		public List<Phrase> lastChange() {
			return lastChange;
		}
	}

	/** One saved version of a plan: what changed (words of the reader's language when shown), who changed it and when. */
	record Version(long version, List<Phrase> changes, String changedBy, Instant changedAt) {

		public Version {
			changes = List.copyOf(changes);
		}

		/** "Glute Bridge: reps 10 → 12; removed Prone Press Up", in the locale's words. */
		public String summary(MessageSource messages, Locale locale) {
			return Phrase.in(changes, messages, locale);
		}
	}

	/**
	 * Gives the patient a copy of the template as their plan, replacing the one they had.
	 *
	 * @throws NotYourPatient unless the therapist is the patient's therapist of record
	 * @throws IllegalArgumentException if the clinic has no such template
	 */
	Plan assign(PatientId patient, UUID templateId, StrideUser therapist);

	/**
	 * Saves the therapist's changes to the current phase (and, if given, moves the plan to another
	 * phase) as a new version, described in words.
	 *
	 * @param expectedVersion the version the therapist changed
	 * @return the plan as saved; unchanged if nothing differed
	 * @throws NotYourPatient unless the therapist is the patient's therapist of record
	 * @throws StaleVersion if the plan has another version by now
	 * @throws IllegalArgumentException for an exercise not in the library, or a phase the plan does not have
	 */
	Plan tailor(PatientId patient, long expectedVersion, List<ProgramTemplate.Prescribed> exercises,
			@Nullable Integer phase, StrideUser therapist);

	/**
	 * Saves the therapist's changes to any of the plan's phases, and which phase the patient is in, as
	 * a new version described in words. The phases keep their names and their order.
	 *
	 * @param exercises the exercises of every phase, in the plan's order of phases
	 * @param currentPhase the phase the patient does from now on
	 * @return the plan as saved; unchanged if nothing differed
	 * @throws NotYourPatient unless the therapist is the patient's therapist of record
	 * @throws StaleVersion if the plan has another version by now
	 * @throws IllegalArgumentException for an exercise not in the library, an empty phase, a phase the
	 *     plan does not have, or another number of phases than the plan has
	 */
	Plan tailor(PatientId patient, long expectedVersion, List<List<ProgramTemplate.Prescribed>> exercises,
			int currentPhase, StrideUser therapist);

	/**
	 * The patient's plan, for their therapist of record to change.
	 *
	 * @throws NotYourPatient unless the therapist is the patient's therapist of record and the patient has a plan
	 */
	Plan editable(PatientId patient, StrideUser therapist);

	/** The plan's versions, newest first. */
	List<Version> versions(PatientId patient);

	Optional<Plan> of(PatientId patient);

	Optional<Hold> holdOf(PatientId patient);
}
