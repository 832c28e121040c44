package health.stride.eligibility.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import health.stride.eligibility.CoverageAnswer;
import health.stride.eligibility.CoverageChecks;
import health.stride.eligibility.CoverageQuestion;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * The public page where a member of a sponsor finds out whether their care at the clinic is paid
 * for, before signing up. A successful check is kept in the visitor's session for the signup.
 */
@Controller
class CoverageCheckController {

	/** The session attribute holding the id of the visitor's successful check. */
	static final String CHECK = CoverageCheckController.class.getName() + ".check";

	private final CoverageChecks checks;
	private final CoverageCheckLimits limits;
	private final ClinicRegistry clinics;

	CoverageCheckController(CoverageChecks checks, CoverageCheckLimits limits, ClinicRegistry clinics) {
		this.checks = checks;
		this.limits = limits;
		this.clinics = clinics;
	}

	@GetMapping("/c/{clinic}/check-coverage")
	@PreAuthorize("permitAll()")
	String form(@PathVariable String clinic, Model model) {
		model.addAttribute("clinic", clinicOrNotFound(clinic));
		model.addAttribute("form", CoverageForm.empty());
		return "eligibility/check-coverage";
	}

	@PostMapping("/c/{clinic}/check-coverage")
	@PreAuthorize("permitAll()")
	String check(@PathVariable String clinic, @Valid @ModelAttribute("form") CoverageForm form, BindingResult errors,
			Model model, HttpServletRequest request, HttpServletResponse response, HttpSession session) {

		var registered = clinicOrNotFound(clinic);
		model.addAttribute("clinic", registered);

		if (!errors.hasErrors() && !form.hasMemberIdOrEmail()) {
			errors.reject("eligibility.coverage.member-id-or-email");
		}
		if (errors.hasErrors()) {
			return "eligibility/check-coverage";
		}

		var sponsor = CoverageForm.sponsorCode(form.sponsorCode());

		if (!limits.allow(request.getRemoteAddr(), registered.tenant(), sponsor)) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", String.valueOf(limits.secondsUntilReset()));
			model.addAttribute("tooMany", true);
			return "eligibility/check-coverage";
		}

		var answer = sponsor.isEmpty() ? CoverageAnswer.notEligible()
				: CurrentTenant.callAs(registered.tenant(), () -> checks.check(new CoverageQuestion(sponsor.get(),
						form.firstName(), form.lastName(), form.dateOfBirth(), form.memberId(), form.email())));

		if (answer.eligible()) {
			session.setAttribute(CHECK, answer.checkId());
		}

		model.addAttribute("answer", answer);
		return "eligibility/check-coverage";
	}

	private Clinic clinicOrNotFound(String alias) {
		return CoverageForm.clinic(alias, clinics).flatMap(clinics::find)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
