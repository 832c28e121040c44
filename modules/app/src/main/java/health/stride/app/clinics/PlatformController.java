package health.stride.app.clinics;

import java.util.NoSuchElementException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.eligibility.UsStates;
import health.stride.platform.identity.Accounts;
import health.stride.platform.tenancy.TenantId;

/** The platform administrator's page: every clinic with its counts, creating, suspending and reactivating one. */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class PlatformController {

	private final ClinicOverview overview;
	private final ClinicProvisioning provisioning;
	private final MessageSource messages;

	PlatformController(ClinicOverview overview, ClinicProvisioning provisioning, MessageSource messages) {
		this.overview = overview;
		this.provisioning = provisioning;
		this.messages = messages;
	}

	@InitBinder
	void binder(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	@GetMapping("/platform")
	String platform(Model model) {
		return page(model, NewClinic.empty());
	}

	@PostMapping("/platform/clinics")
	String create(@ModelAttribute("form") NewClinic form, BindingResult result, Model model, RedirectAttributes redirect) {

		if (result.hasErrors()) { // a value of the wrong type, before the rules are asked
			return page(model, form);
		}
		var errors = form.check();
		errors.copyTo(result);
		if (result.hasErrors()) {
			return page(model, form);
		}
		try {
			var clinic = provisioning.create(form);
			flash(redirect, "app.clinics.created", form.name(), clinic.value());
			return "redirect:/platform";
		} catch (ClinicConflict conflict) {
			result.rejectValue(conflict.field(), conflict.code());
		} catch (Accounts.AccountsUnavailable unavailable) {
			result.reject("app.clinics.keycloak-unavailable");
		} catch (health.stride.platform.validation.InvalidInput invalid) {
			invalid.copyTo(result);
		}
		return page(model, form);
	}

	@PostMapping("/platform/clinics/{alias}/suspension")
	String suspend(@PathVariable String alias, RedirectAttributes redirect) {
		known(() -> provisioning.suspend(TenantId.of(alias)));
		flash(redirect, "app.clinics.suspended", alias);
		return "redirect:/platform";
	}

	@PostMapping("/platform/clinics/{alias}/reactivation")
	String reactivate(@PathVariable String alias, RedirectAttributes redirect) {
		known(() -> provisioning.reactivate(TenantId.of(alias)));
		flash(redirect, "app.clinics.reactivated", alias);
		return "redirect:/platform";
	}

	private String page(Model model, NewClinic form) {
		model.addAttribute("clinics", overview.all());
		model.addAttribute("form", form.admin() == null ? new NewClinic(form.name(), form.alias(), form.timeZone(),
				form.states(), NewClinic.Admin.empty()) : form);
		model.addAttribute("timeZones", UsStates.TIME_ZONES);
		model.addAttribute("states", UsStates.CODES);
		return "app/platform";
	}

	/** Does something to a clinic that must exist: any other alias is a 404. */
	private static void known(Runnable action) {
		try {
			action.run();
		} catch (IllegalArgumentException | NoSuchElementException unknown) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private void flash(RedirectAttributes redirect, String code, Object... arguments) {
		redirect.addFlashAttribute("flash", messages.getMessage(code, arguments, LocaleContextHolder.getLocale()));
	}
}
