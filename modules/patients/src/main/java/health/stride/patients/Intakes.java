package health.stride.patients;


/**
 * The intake a patient fills in after agreeing to the consents: saved step by step so they can
 * leave and come back, or in one go over the API. Finishing it is announced (the facts a plan is
 * tailored by are read through {@link #factsOf}), and any red-flag symptom answered "yes" is
 * reported at once.
 */
public interface Intakes {

	/** The intake was finished already; changes are told to the care team instead. */
	public static final class AlreadyCompleted extends RuntimeException {
		public AlreadyCompleted() {
			super("Your intake is complete. Tell your care team in a message if something has changed.");
		}
	}

	/** A step was sent before the steps ahead of it. */
	public static final class StepNotReached extends RuntimeException {
		public StepNotReached(int next) {
			super("Please finish step " + next + " of the intake first.");
		}
	}

	/**
	 * What the patient's finished intake says for tailoring a plan; empty until the intake is
	 * finished. A finished intake no longer changes, so whoever reads this after
	 * {@link IntakeCompleted}, however late, reads what the patient answered.
	 */
	java.util.Optional<IntakeFacts> factsOf(PatientId patient);

	IntakeDraft draft(PatientId patient);

	/**
	 * Saves one step; the last one completes the intake. A patient may go back to an earlier step,
	 * never skip ahead.
	 *
	 * @throws Consents.Required before the patient agreed to the current consents
	 * @throws AlreadyCompleted once the intake is complete
	 * @throws StepNotReached for a step after the next one
	 */
	IntakeDraft save(PatientId patient, IntakeStep step);

	/**
	 * The whole intake at once, as the API takes it.
	 *
	 * @throws Consents.Required before the patient agreed to the current consents
	 * @throws AlreadyCompleted once the intake is complete
	 */
	IntakeDraft submit(PatientId patient, IntakeAnswers answers);
}
