package health.stride.eligibility;

public enum SponsorKind {
	EMPLOYER, HEALTH_PLAN
}
