package health.stride.eligibility.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.eligibility.CoverageCheckId;
import health.stride.eligibility.CoverageChecks;
import health.stride.eligibility.Signups;
import health.stride.eligibility.Signups.SignupDetails;
import health.stride.eligibility.UsStates;
import health.stride.platform.i18n.Language;
import health.stride.platform.identity.Accounts.AccountConflict;
import health.stride.platform.identity.Accounts.AccountRejected;
import health.stride.platform.identity.Accounts.AccountsUnavailable;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * After a successful coverage check, the member chooses their username and password; the account
 * becomes usable through the link emailed to them, which leads back here to confirm.
 */
@Controller
class SignupController {

	private final Signups signups;
	private final CoverageChecks checks;
	private final SignupLimits limits;
	private final ClinicRegistry clinics;
	private final MessageSource messages;

	SignupController(Signups signups, CoverageChecks checks, SignupLimits limits, ClinicRegistry clinics,
			MessageSource messages) {
		this.messages = messages;
		this.signups = signups;
		this.checks = checks;
		this.limits = limits;
		this.clinics = clinics;
	}

	@ModelAttribute("states")
	java.util.List<String> states() {
		return UsStates.CODES;
	}

	@ModelAttribute("languages")
	Language[] languages() {
		return Language.values();
	}

	@ModelAttribute("timeZones")
	java.util.List<String> timeZones() {
		return UsStates.TIME_ZONES;
	}

	@GetMapping("/c/{clinic}/signup")
	@PreAuthorize("permitAll()")
	String form(@PathVariable String clinic, HttpSession session, Model model, RedirectAttributes redirect) {

		var registered = clinic(clinic);

		if (!hasValidCheck(registered, session)) {
			redirect.addFlashAttribute("flash", text("eligibility.coverage.check-first"));
			return "redirect:/c/" + registered.tenant() + "/check-coverage";
		}

		model.addAttribute("clinic", registered);
		model.addAttribute("form", SignupForm.empty(LocaleContextHolder.getLocale()));
		return "eligibility/signup";
	}

	@PostMapping("/c/{clinic}/signup")
	@PreAuthorize("permitAll()")
	String signUp(@PathVariable String clinic, @Valid @ModelAttribute("form") SignupForm form, BindingResult errors,
			HttpSession session, Model model, RedirectAttributes redirect, HttpServletRequest request,
			HttpServletResponse response) {

		var registered = clinic(clinic);
		model.addAttribute("clinic", registered);

		if (!limits.allow(request.getRemoteAddr())) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", String.valueOf(limits.secondsUntilReset()));
			model.addAttribute("tooMany", true);
			return "eligibility/signup";
		}

		if (!(session.getAttribute(CoverageCheckController.CHECK) instanceof CoverageCheckId check)) {
			redirect.addFlashAttribute("flash", text("eligibility.coverage.check-first"));
			return "redirect:/c/" + registered.tenant() + "/check-coverage";
		}
		if (form.state() != null && !form.state().isBlank() && !UsStates.isState(form.state())) {
			errors.rejectValue("state", "eligibility.signup.state.required");
		}
		if (form.timeZone() != null && !form.timeZone().isBlank() && !UsStates.TIME_ZONES.contains(form.timeZone())) {
			errors.rejectValue("timeZone", "eligibility.signup.time-zone.required");
		}
		if (errors.hasErrors()) {
			return "eligibility/signup";
		}

		try {
			CurrentTenant.runAs(registered.tenant(), () -> signups.signUp(check, new SignupDetails(form.username(),
					form.email(), form.password(), form.state(), form.timeZone(), form.chosenLanguage())));
		} catch (AccountConflict conflict) {
			errors.rejectValue("username", "eligibility.signup.conflict");
		} catch (AccountRejected rejected) {
			// Keycloak's own reasons are in English and may name its policy: the one rule a member is told
			errors.rejectValue("password", "eligibility.signup.password.weak");
		} catch (AccountsUnavailable unavailable) {
			session.removeAttribute(CoverageCheckController.CHECK);
			redirect.addFlashAttribute("flash", text("eligibility.signup.unavailable"));
			return "redirect:/c/" + registered.tenant() + "/check-coverage";
		} catch (Signups.CheckNotValid refused) {
			session.removeAttribute(CoverageCheckController.CHECK);
			redirect.addFlashAttribute("flash", text("eligibility.signup.check-not-valid"));
			return "redirect:/c/" + registered.tenant() + "/check-coverage";
		}

		if (errors.hasErrors()) {
			return "eligibility/signup";
		}

		session.removeAttribute(CoverageCheckController.CHECK);
		return "redirect:/c/" + registered.tenant() + "/signup/sent";
	}

	/** The one answer to every signup, whether or not the member had an account already. */
	@GetMapping("/c/{clinic}/signup/sent")
	@PreAuthorize("permitAll()")
	String sent(@PathVariable String clinic, Model model) {
		model.addAttribute("clinic", clinic(clinic));
		return "eligibility/signup-sent";
	}

	/** The emailed link: asks to confirm, so that a mail scanner opening the link confirms nothing. */
	@GetMapping("/c/{clinic}/signup/confirm")
	@PreAuthorize("permitAll()")
	String confirmation(@PathVariable String clinic, @RequestParam(defaultValue = "") String token, Model model,
			HttpServletResponse response) {

		var registered = clinic(clinic);
		model.addAttribute("clinic", registered);
		response.setHeader("Referrer-Policy", "no-referrer"); // the token is in this page's address

		if (!CurrentTenant.callAs(registered.tenant(), () -> signups.isPending(token))) {
			return "eligibility/signup-link-invalid";
		}
		model.addAttribute("token", token);
		return "eligibility/signup-confirm";
	}

	@PostMapping("/c/{clinic}/signup/confirm")
	@PreAuthorize("permitAll()")
	String confirm(@PathVariable String clinic, @RequestParam(defaultValue = "") String token, Model model,
			HttpServletResponse response) {

		var registered = clinic(clinic);
		model.addAttribute("clinic", registered);
		response.setHeader("Referrer-Policy", "no-referrer");

		try {
			var confirmed = CurrentTenant.callAs(registered.tenant(), () -> signups.confirm(token));
			return confirmed.isPresent() ? "redirect:/c/" + registered.tenant() + "/welcome"
					: "eligibility/signup-link-invalid";
		} catch (AccountsUnavailable unavailable) {
			model.addAttribute("token", token);
			model.addAttribute("unavailable", true);
			return "eligibility/signup-confirm";
		}
	}

	@GetMapping("/c/{clinic}/welcome")
	@PreAuthorize("permitAll()")
	String welcome(@PathVariable String clinic, Model model) {
		model.addAttribute("clinic", clinic(clinic));
		return "eligibility/welcome";
	}

	private String text(String code) {
		return messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

	private boolean hasValidCheck(Clinic clinic, HttpSession session) {
		return session.getAttribute(CoverageCheckController.CHECK) instanceof CoverageCheckId check
				&& CurrentTenant.callAs(clinic.tenant(), () -> checks.isRedeemable(check));
	}

	private Clinic clinic(String alias) {
		return CoverageForm.clinic(alias, clinics).flatMap(clinics::find)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
