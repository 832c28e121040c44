package health.stride.eligibility.web;

import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorManagement.DuplicateSponsorCode;
import health.stride.eligibility.SponsorSummary;

/** Clinic administrators keep the list of their clinic's sponsors. */
@Controller
class SponsorAdminController {

	private final SponsorManagement sponsors;
	private final RosterImports imports;
	private final MessageSource messages;

	SponsorAdminController(SponsorManagement sponsors, RosterImports imports, MessageSource messages) {
		this.messages = messages;
		this.sponsors = sponsors;
		this.imports = imports;
	}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	@ModelAttribute("kinds")
	SponsorKind[] kinds() {
		return SponsorKind.values();
	}

	@GetMapping("/admin/sponsors")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String list(Model model) {
		model.addAttribute("sponsors", sponsors.all());
		model.addAttribute("form", SponsorForm.empty());
		return "eligibility/sponsors";
	}

	@PostMapping("/admin/sponsors")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String add(@Valid @ModelAttribute("form") SponsorForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {

		if (!errors.hasErrors()) {
			try {
				var sponsor = sponsors.register(SponsorCode.of(form.code()), form.name(), form.kind(), form.contactName(),
						form.contactEmail());
				redirect.addFlashAttribute("flash", text("eligibility.sponsor.added", sponsor.name()));
				return "redirect:/admin/sponsors/" + sponsor.code();
			} catch (DuplicateSponsorCode duplicate) {
				errors.rejectValue("code", "eligibility.sponsor.duplicate", new Object[] { SponsorCode.of(form.code()).value() }, null);
			}
		}

		model.addAttribute("sponsors", sponsors.all());
		return "eligibility/sponsors";
	}

	@GetMapping("/admin/sponsors/{code}")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String show(@PathVariable String code, Model model) {

		var sponsor = RosterAccess.managedSponsor(sponsors, code);

		model.addAttribute("form", SponsorForm.of(sponsor));
		return sponsorPage(sponsor, model);
	}

	@PostMapping("/admin/sponsors/{code}")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String describe(@PathVariable String code, @Valid @ModelAttribute("form") SponsorForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {

		var sponsor = RosterAccess.managedSponsor(sponsors, code);

		if (errors.hasFieldErrors("name") || errors.hasFieldErrors("kind") || errors.hasFieldErrors("contactName")
				|| errors.hasFieldErrors("contactEmail")) {
			return sponsorPage(sponsor, model);
		}

		sponsors.describe(sponsor.code(), form.name(), form.kind(), form.contactName(), form.contactEmail(), form.isActive());
		redirect.addFlashAttribute("flash", text("eligibility.sponsor.saved", form.name()));

		return "redirect:/admin/sponsors/" + sponsor.code();
	}

	private String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	private String sponsorPage(SponsorSummary sponsor, Model model) {

		model.addAttribute("sponsor", sponsor);
		model.addAttribute("covered", sponsors.coveredMembers(sponsor.id(), LocalDate.now(ZoneOffset.UTC)));
		model.addAttribute("imports", imports.latest(sponsor.id(), 10));

		return "eligibility/sponsor";
	}
}
