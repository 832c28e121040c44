package health.stride.visits.internal;

/** Who someone is in a visit's video room. Only the clinician admits others and ends the call. */
public enum RoomRole {
	PATIENT, CLINICIAN, GUEST
}
