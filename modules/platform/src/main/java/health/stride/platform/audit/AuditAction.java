package health.stride.platform.audit;

public enum AuditAction {
	SIGN_IN, ACCESS_DENIED, READ, WRITE, EXPORT
}
