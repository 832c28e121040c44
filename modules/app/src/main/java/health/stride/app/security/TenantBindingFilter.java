package health.stride.app.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.filter.OncePerRequestFilter;

import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Makes the signed-in user's clinic the tenant of the request. The clinic comes only from the
 * token's {@code organization} claim, never from a header, parameter or form field. A user who
 * belongs to no clinic or to several is turned away, except a platform administrator, who works
 * outside any clinic. So is a user whose organization is not a clinic Stride serves. Members of a
 * suspended clinic get a 403 problem on the API and, on pages, only the page saying so.
 */
class TenantBindingFilter extends OncePerRequestFilter {

	/** The one page a member of a suspended clinic may see. */
	static final String PAUSED_PAGE = "/paused";

	/** What a suspended clinic's member may still load around that page. */
	private static final java.util.List<String> OPEN_WHILE_PAUSED = java.util.List.of("/css/", "/js/", "/images/",
			"/webjars/");

	private final KnownClinics clinics;
	private final boolean api;

	TenantBindingFilter(KnownClinics clinics) {
		this(clinics, false);
	}

	/** @param api whether the filter guards the JSON API (a suspension is a problem document there) */
	TenantBindingFilter(KnownClinics clinics, boolean api) {
		this.clinics = clinics;
		this.api = api;
	}

	/** The denial's message, for the log; the reader is told {@code app.error.not-one-clinic}. */
	static final String NOT_ONE_CLINIC = "Your account is not linked to exactly one clinic. Please contact your clinic's administrator.";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {

		var user = CurrentUser.get();

		if (user.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}

		var clinic = clinics.clinicOf(user.get());

		if (clinic.isEmpty()) {
			if (user.get().has(Role.PLATFORM_ADMIN) && user.get().clinics().isEmpty()) {
				chain.doFilter(request, response);
				return;
			}
			throw new AccessDeniedException(NOT_ONE_CLINIC);
		}

		if (clinics.isSuspended(clinic.get()) && !openWhilePaused(request)) {
			if (api || !"GET".equals(request.getMethod())) {
				throw new ClinicSuspended();
			}
			response.sendRedirect(request.getContextPath() + PAUSED_PAGE);
			return;
		}

		try {
			CurrentTenant.runAs(clinic.get(), () -> {
				try {
					chain.doFilter(request, response);
				} catch (IOException | ServletException e) {
					throw new FilterFailure(e);
				}
			});
		} catch (FilterFailure failure) {
			failure.rethrow();
		}
	}

	private boolean openWhilePaused(HttpServletRequest request) {
		if (api) {
			return false;
		}
		var path = request.getRequestURI().substring(request.getContextPath().length());
		// the paused page's own language switch and idle-session ping touch no clinic data
		return path.equals(PAUSED_PAGE) || path.equals("/error") || path.equals("/favicon.ico")
				|| path.equals("/language") || path.equals("/session/activity")
				|| OPEN_WHILE_PAUSED.stream().anyMatch(path::startsWith);
	}

	/** The user's clinic is suspended: they may not work in it until it is reactivated. */
	static final class ClinicSuspended extends AccessDeniedException {

		ClinicSuspended() {
			super("The clinic's access is paused");
		}
	}

	/** Carries a checked exception of the filter chain through the tenant's scope. */
	private static final class FilterFailure extends RuntimeException {

		FilterFailure(Exception cause) {
			super(cause);
		}

		void rethrow() throws IOException, ServletException {
			switch (getCause()) {
				case IOException io -> throw io;
				case ServletException servlet -> throw servlet;
				default -> throw this;
			}
		}
	}
}
