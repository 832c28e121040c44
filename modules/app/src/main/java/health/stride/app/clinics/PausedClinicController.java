package health.stride.app.clinics;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import health.stride.platform.security.CurrentUser;
import health.stride.platform.tenancy.ClinicRegistry;

/**
 * The one page members of a suspended clinic see: their clinic's access is paused, and whom to
 * call. Everyone else is sent on to their home.
 */
@Controller
class PausedClinicController {

	private final ClinicRegistry registry;

	PausedClinicController(ClinicRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/paused")
	@PreAuthorize("isAuthenticated()")
	String paused(Model model) {

		var clinic = CurrentUser.get().flatMap(user -> user.clinic()).flatMap(registry::find)
				.filter(it -> it.isSuspended());
		if (clinic.isEmpty()) {
			return "redirect:/";
		}
		model.addAttribute("clinic", clinic.get().name());
		model.addAttribute("supportPhone", clinic.get().supportPhone().orElse(null));
		model.addAttribute("supportEmail", clinic.get().supportEmail().orElse(null));
		return "app/paused";
	}
}
