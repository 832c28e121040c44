package health.stride.messaging;

/** Who wrote a message: the patient, a clinician of the care team, or Stride itself. */
public enum SenderRole {

	PATIENT, THERAPIST, COACH, SYSTEM;

	public boolean clinician() {
		return this == THERAPIST || this == COACH;
	}
}
