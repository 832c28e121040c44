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
 * outside any clinic. So is a user whose organization is not a clinic Stride serves.
 */
class TenantBindingFilter extends OncePerRequestFilter {

	private final KnownClinics clinics;

	TenantBindingFilter(KnownClinics clinics) {
		this.clinics = clinics;
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
