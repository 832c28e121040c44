package health.stride.app.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import health.stride.platform.security.CurrentUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/** The signed-in member's clinic as the page header shows it: its logo, named by the clinic's name. */
@ControllerAdvice
class ClinicBrand {

	/** What the layout needs to show the logo. */
	record Brand(String name, boolean hasLogo) {}

	private final ClinicRegistry clinics;

	ClinicBrand(ClinicRegistry clinics) {
		this.clinics = clinics;
	}

	@ModelAttribute("clinicBrand")
	@Nullable Brand brand(HttpServletRequest request) {
		// the JSON and FHIR APIs show no header: no clinic read for them
		var path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/") || path.startsWith("/fhir/") || CurrentUser.get().isEmpty()) {
			return null;
		}
		return CurrentTenant.get().flatMap(clinics::find).map(it -> new Brand(it.name(), it.hasLogo())).orElse(null);
	}
}
