package health.stride.platform.audit;

public enum AuditOutcome {
	SUCCESS, DENIED, FAILED
}
