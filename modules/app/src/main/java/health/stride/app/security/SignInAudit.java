package health.stride.app.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.stereotype.Component;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.StrideUser;

/** Writes every browser sign-in into the audit trail of the user's clinic. */
@Component
class SignInAudit {

	private final AuditTrail audit;
	private final KnownClinics clinics;

	SignInAudit(AuditTrail audit, KnownClinics clinics) {
		this.audit = audit;
		this.clinics = clinics;
	}

	@EventListener
	void on(InteractiveAuthenticationSuccessEvent event) {

		if (event.getAuthentication().getPrincipal() instanceof ClaimAccessor claims) {
			var user = StrideUser.fromClaims(claims);
			audit.record(user, clinics.clinicOf(user).orElse(null), AuditAction.SIGN_IN, AuditOutcome.SUCCESS, null, null);
		}
	}
}
