package health.stride.patients;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The patient's mood screening: the PHQ-2 and GAD-7 once the intake is done, the PHQ-2 again every
 * four weeks, and the PHQ-9 at once after a PHQ-2 of 3 or more. Any answer but "not at all" to the
 * PHQ-9's item on self-harm is urgent: it is announced ({@link UrgentScreeningReported}) and stays
 * open until a clinician of the care team has reviewed it with a note. Scores are care: they are read
 * by the care team through this interface, and never reach a sponsor.
 */
public interface Screenings {

	/** How long a PHQ-2 (or a PHQ-9, which asks its two items too) counts before the next is due. */
	Duration PHQ2_EVERY = Duration.ofDays(28);

	int MAX_NOTE = 2_000;

	/** One questionnaire as the patient answered it. */
	record Screening(UUID id, Instrument instrument, List<Integer> answers, int score, Instrument.Severity severity,
			boolean urgent, Instant answeredAt, @Nullable Instant reviewedAt, @Nullable String reviewedBy,
			@Nullable String reviewNote) {

		public Screening {
			answers = List.copyOf(answers);
		}

		/** Urgent and not yet reviewed by the care team. */
		public boolean open() {
			return urgent && reviewedAt == null;
		}

		@Override
		public String toString() {
			return "Screening[id=" + id + ", instrument=" + instrument + "]"; // answers and scores stay out of logs
		}
	}

	/**
	 * Stores the patient's answers, now, and announces an urgent one. Each call is one questionnaire
	 * answered: sending the same answers twice stores them twice.
	 *
	 * @throws IllegalArgumentException unless there is one answer 0 to 3 per item, or for a patient of another clinic
	 * @throws PortalAccess.ReadOnly once the patient's portal is read-only
	 */
	Screening answer(PatientId patient, Instrument instrument, List<Integer> answers);

	/**
	 * Stores the answers as {@link #answer(PatientId, Instrument, List)} does, but only while the
	 * questionnaire is due: the patient's record is locked while it is checked, so two submissions of
	 * one page at once (a double click, two tabs) store it once.
	 *
	 * @return the stored questionnaire, or empty when it was not due (answered already)
	 */
	java.util.Optional<Screening> answerIfDue(PatientId patient, Instrument instrument, List<Integer> answers);

	/** As {@link #answer(PatientId, Instrument, List)}, answered at a moment past (for records brought in). */
	Screening answer(PatientId patient, Instrument instrument, List<Integer> answers, Instant answeredAt);

	/** The patient's questionnaires, newest first. */
	List<Screening> of(PatientId patient);

	/** A questionnaire with the patient who answered it. */
	record Answered(PatientId patient, Screening screening) {}

	/**
	 * The questionnaires of these instruments that the window's patients answered within it, in its order
	 * (by {@code answeredAt}, ties by id), at most its limit: for readers paging through a long history.
	 */
	List<Answered> inOrder(TimeWindow window, Set<Instrument> instruments);

	/** The questionnaire with this id, with its patient, if the current clinic has it. */
	java.util.Optional<Answered> find(UUID screening);

	/** The urgent questionnaires no clinician has reviewed yet, newest first. */
	List<Screening> open(PatientId patient);

	/**
	 * What the patient should answer now, most pressing first: the PHQ-9 after a positive PHQ-2, the
	 * PHQ-2 every four weeks, the GAD-7 once. Nothing before the intake is done or once the portal is
	 * read-only.
	 */
	Set<Instrument> due(PatientId patient);

	/**
	 * A clinician's review of an urgent questionnaire, with a note saying what was done.
	 *
	 * @return false if there is no such open questionnaire for this patient
	 * @throws IllegalArgumentException for a blank note or one over {@link #MAX_NOTE} characters
	 */
	boolean review(PatientId patient, UUID screening, String note);
}
