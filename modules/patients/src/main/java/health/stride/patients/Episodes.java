package health.stride.patients;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import health.stride.platform.security.StrideUser;
import health.stride.platform.validation.FieldErrors;
import health.stride.platform.validation.InvalidInput;

/**
 * Episodes of care. Only the patient's therapist of record discharges and reactivates: it is a
 * clinical decision, and a clinic administrator who must end someone's care reassigns the patient
 * first. Whoever else asks is told the patient does not exist.
 */
public interface Episodes {

	/**
	 * Ends the open episode: the patient's status becomes discharged (in the status history), the
	 * portal read-only, and {@link PatientDischarged} is announced. The same discharge again (same
	 * reason and summary) returns the episode it closed and changes nothing.
	 *
	 * @throws InvalidInput for a missing reason or a summary that is
	 *         blank or longer than {@link Episode#SUMMARY_LIMIT}
	 * @throws NoSuchPatient unless the therapist is the patient's therapist of record
	 * @throws AlreadyDischarged when the patient was discharged already, differently
	 */
	Episode discharge(PatientId patient, Discharge discharge, StrideUser therapist);

	/**
	 * Opens the next episode of a discharged patient: status back to onboarding, the last intake's
	 * answers kept on record and offered again as a new draft to review, consents kept;
	 * {@link EpisodeOpened} is announced.
	 *
	 * @throws NoSuchPatient unless the therapist is the patient's therapist of record
	 * @throws NotDischarged when the patient's episode is open
	 */
	Episode reactivate(PatientId patient, StrideUser therapist);

	/** The patient's episodes, oldest first (none for a patient the clinic does not have). */
	List<Episode> episodes(PatientId patient);

	/** The latest episode: the open one, or the one that ended with the discharge. */
	Optional<Episode> current(PatientId patient);

	Optional<Episode> episode(PatientId patient, int number);

	/** What the therapist writes at discharge; {@link #of} checks it. */
	record Discharge(DischargeReason reason, String summary) {

		/**
		 * @throws InvalidInput for a missing reason, or a summary that is blank, too long or holds
		 *         control characters other than line breaks and tabs
		 */
		public static Discharge of(@Nullable DischargeReason reason, @Nullable String summary) {

			var errors = new FieldErrors();
			if (reason == null) {
				errors.reject("reason", "patients.discharge.reason.required");
			}
			var text = summary == null ? "" : summary.strip();
			if (text.isEmpty()) {
				errors.reject("summary", "patients.discharge.summary.required");
			} else if (text.length() > Episode.SUMMARY_LIMIT) {
				errors.reject("summary", "patients.discharge.summary.too-long", Episode.SUMMARY_LIMIT);
			} else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
				errors.reject("summary", "patients.discharge.summary.invalid");
			}
			errors.throwIfAny();
			return new Discharge(java.util.Objects.requireNonNull(reason), text);
		}
	}

	final class NoSuchPatient extends RuntimeException {

		public NoSuchPatient() {
			super("No such patient for this therapist");
		}
	}

	final class AlreadyDischarged extends RuntimeException {

		private final transient Episode episode;

		public AlreadyDischarged(Episode episode) {
			super("Episode " + episode.number() + " ended already");
			this.episode = episode;
		}

		public Episode episode() {
			return episode;
		}
	}

	final class NotDischarged extends RuntimeException {

		public NotDischarged() {
			super("The patient's episode is open");
		}
	}
}
