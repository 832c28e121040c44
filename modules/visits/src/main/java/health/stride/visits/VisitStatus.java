package health.stride.visits;

/** Where a visit stands. Only a booked visit holds its clinician's and its patient's time. */
public enum VisitStatus {
	BOOKED, CANCELLED, COMPLETED, MISSED
}
