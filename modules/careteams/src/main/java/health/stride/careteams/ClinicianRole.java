package health.stride.careteams;

public enum ClinicianRole {

	/** A licensed physical therapist: plans and tailors exercise programs. */
	THERAPIST,

	/** A health coach: supports adherence, answers non-clinical questions. */
	COACH
}
