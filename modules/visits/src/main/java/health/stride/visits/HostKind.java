package health.stride.visits;

/** Who holds a kind of visit, and what kind of clinician a host is. */
public enum HostKind {
	THERAPIST, COACH
}
