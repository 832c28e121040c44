package health.stride.patients;

/**
 * What a patient may do in their portal. A read-only portal shows the history, progress and
 * messages but takes nothing new: no sessions, walks, pain logs or messages. Every write a patient
 * can make checks {@link PatientDirectory#portalAccess} first.
 */
public enum PortalAccess {
	/** The patient is in care and may use everything. */
	OPEN,
	/** Discharged, or sponsored coverage ended past the clinic's grace period without another payer. */
	READ_ONLY;

	public boolean isOpen() {
		return this == OPEN;
	}

	/**
	 * A patient tried to change something while their portal is read-only. The API answers 409 with
	 * a problem detail; pages hide what would write and show why.
	 */
	public static final class ReadOnly extends RuntimeException {

		public ReadOnly() {
			super("The patient's portal is read-only");
		}
	}
}
