package health.stride.app.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.tenancy.TenantId;

/**
 * Answers a signed-in user who may not do what they asked: a problem document on the API, an
 * OperationOutcome on FHIR, the error page on pages. Every denial goes into the audit trail, in the
 * user's clinic when they have exactly one.
 */
class AccessDenials implements AccessDeniedHandler {

	/** Writes a refusal in the form a door's clients read: a problem document, an OperationOutcome. */
	@FunctionalInterface
	interface Refusals {

		void write(HttpServletResponse response, HttpStatus status, String code) throws IOException;
	}

	/** The request attribute that carries the reason to the error page, as a message to resolve in the reader's language. */
	static final String DENIAL_REASON = AccessDenials.class.getName() + ".reason";

	private final AuditTrail audit;
	private final KnownClinics clinics;
	private final @Nullable Refusals problems;

	/** For the API and FHIR: answers with problem details or an OperationOutcome. */
	AccessDenials(AuditTrail audit, KnownClinics clinics, Refusals problems) {
		this.audit = audit;
		this.clinics = clinics;
		this.problems = problems;
	}

	/** For pages: answers with the error page. */
	AccessDenials(AuditTrail audit, KnownClinics clinics) {
		this.audit = audit;
		this.clinics = clinics;
		this.problems = null;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {

		var user = CurrentUser.get().orElse(null);
		var clinic = user == null ? Optional.<TenantId> empty() : clinics.clinicOf(user);

		audit.record(user, clinic.orElse(null), AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, null,
				request.getMethod() + " " + request.getRequestURI());

		var reason = TenantBindingFilter.NOT_ONE_CLINIC.equals(denied.getMessage()) ? "app.error.not-one-clinic"
				: denied instanceof TenantBindingFilter.ClinicSuspended ? "app.problem.clinic-suspended"
				: "app.error.forbidden";

		if (problems != null) {
			problems.write(response, HttpStatus.FORBIDDEN, reason);
		} else {
			request.setAttribute(DENIAL_REASON, new DefaultMessageSourceResolvable(reason));
			response.sendError(HttpStatus.FORBIDDEN.value());
		}
	}
}
