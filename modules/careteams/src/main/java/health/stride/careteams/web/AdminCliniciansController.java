package health.stride.careteams.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
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

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.ClinicianSummary;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.careteams.NewClinician;
import health.stride.careteams.internal.Assignments;
import health.stride.platform.identity.Accounts;
import health.stride.platform.validation.FieldErrors;

/**
 * The clinic administrator's pages for the clinic's therapists and coaches: invite one (a Keycloak
 * account in the clinic's organization with their role), keep their licenses and capacity, and
 * deactivate one who leaves (their patients get another clinician or wait for assignment). Forms are
 * records checked by Bean Validation; a license by its own rules ({@link License#typed}).
 */
@Controller
@PreAuthorize("hasRole('CLINIC_ADMIN')")
class AdminCliniciansController {

	private final ClinicianManagement clinicians;
	private final Assignments assignments;
	private final MessageSource messages;

	AdminCliniciansController(ClinicianManagement clinicians, Assignments assignments, MessageSource messages) {
		this.clinicians = clinicians;
		this.assignments = assignments;
		this.messages = messages;
	}

	/** A clinician to invite, with their first license (therapists). */
	record InviteForm(
			@NotBlank(message = "{careteams.clinicians.first-name.invalid}")
			@Size(max = 60, message = "{careteams.clinicians.first-name.invalid}") @Nullable String firstName,
			@NotBlank(message = "{careteams.clinicians.last-name.invalid}")
			@Size(max = 60, message = "{careteams.clinicians.last-name.invalid}") @Nullable String lastName,
			@NotNull(message = "{careteams.clinicians.username.invalid}")
			@Pattern(regexp = "\\s*[a-z0-9][a-z0-9._-]{2,39}\\s*", message = "{careteams.clinicians.username.invalid}")
			@Nullable String username,
			@NotBlank(message = "{careteams.clinicians.email.invalid}")
			@Email(regexp = "\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*", message = "{careteams.clinicians.email.invalid}")
			@Size(max = 254, message = "{careteams.clinicians.email.invalid}") @Nullable String email,
			@NotNull(message = "{careteams.clinicians.role.invalid}") @Nullable ClinicianRole role,
			@NotNull(message = "{careteams.clinicians.capacity.invalid}")
			@Pattern(regexp = "\\d{1,4}", message = "{careteams.clinicians.capacity.invalid}")
			@Max(value = 2000, message = "{careteams.clinicians.capacity.invalid}") @Nullable String capacity,
			@Nullable String licenseState, @Nullable LicenseKind licenseKind, @Nullable String licenseNumber,
			@Nullable String licenseExpires) {

		static InviteForm empty() {
			return new InviteForm("", "", "", "", ClinicianRole.THERAPIST, "300", "", LicenseKind.LICENSE, "", "");
		}

		String trimmed(@Nullable String value) {
			return value == null ? "" : value.strip();
		}
	}

	/** A license to add or renew. */
	record LicenseForm(@Nullable String licenseState, @Nullable LicenseKind licenseKind, @Nullable String licenseNumber,
			@Nullable String licenseExpires) {

		static LicenseForm empty() {
			return new LicenseForm("", LicenseKind.LICENSE, "", "");
		}
	}

	record CapacityForm(@NotNull(message = "{careteams.clinicians.capacity.invalid}")
			@Pattern(regexp = "\\d{1,4}", message = "{careteams.clinicians.capacity.invalid}")
			@Max(value = 2000, message = "{careteams.clinicians.capacity.invalid}") @Nullable String capacity) {

		int patients() {
			return Integer.parseInt(java.util.Objects.requireNonNull(capacity));
		}
	}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	@GetMapping("/admin/clinicians")
	String list(Model model) {
		model.addAttribute("form", InviteForm.empty());
		return listPage(model);
	}

	@PostMapping("/admin/clinicians")
	String invite(@Valid @ModelAttribute("form") InviteForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {

		var licenses = List.<License>of();
		if (form.role() == ClinicianRole.THERAPIST && !form.trimmed(form.licenseState()).isEmpty()) {
			var errors = new FieldErrors();
			var license = License.typed(form.licenseState(), form.licenseKind(), form.licenseNumber(),
					form.licenseExpires(), LocalDate.now(), errors);
			errors.copyTo(result);
			licenses = license == null ? List.of() : List.of(license);
		}
		if (result.hasErrors()) {
			return listPage(model);
		}

		var username = form.trimmed(form.username());
		try {
			var invited = clinicians.invite(new NewClinician(username, form.trimmed(form.email()),
					form.trimmed(form.firstName()), form.trimmed(form.lastName()),
					java.util.Objects.requireNonNull(form.role()), Integer.parseInt(form.trimmed(form.capacity())),
					licenses));
			flash(redirect, "careteams.clinicians.invited", form.trimmed(form.firstName()) + " " + form.trimmed(form.lastName()),
					username);
			return "redirect:/admin/clinicians/" + invited.id().id();
		} catch (Accounts.AccountConflict conflict) {
			result.rejectValue("username", "careteams.clinicians.username.taken");
		} catch (Accounts.AccountRejected rejected) {
			result.rejectValue("username", "careteams.clinicians.username.rejected." + rejected.reason().name());
		} catch (Accounts.AccountsUnavailable unavailable) {
			result.reject("careteams.clinicians.keycloak-unavailable");
		} catch (org.springframework.dao.DataIntegrityViolationException duplicate) {
			result.rejectValue("username", "careteams.clinicians.username.exists");
		}
		return listPage(model);
	}

	@GetMapping("/admin/clinicians/{clinicianId}")
	String clinician(@PathVariable UUID clinicianId, Model model) {
		model.addAttribute("license", LicenseForm.empty());
		return detailPage(model, find(clinicianId), null);
	}

	@PostMapping("/admin/clinicians/{clinicianId}/licenses")
	String addLicense(@PathVariable UUID clinicianId, @ModelAttribute("license") LicenseForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {

		var clinician = find(clinicianId);
		var errors = new FieldErrors();
		var license = License.typed(form.licenseState(), form.licenseKind(), form.licenseNumber(), form.licenseExpires(),
				LocalDate.now(), errors);
		errors.copyTo(result);
		if (license == null) {
			return detailPage(model, clinician, null);
		}
		clinicians.license(clinician.id(), license);
		flash(redirect, "careteams.clinicians.license-saved", license.state());
		return "redirect:/admin/clinicians/" + clinicianId;
	}

	@PostMapping("/admin/clinicians/{clinicianId}/licenses/{state}/removal")
	String removeLicense(@PathVariable UUID clinicianId, @PathVariable String state, RedirectAttributes redirect) {
		var clinician = find(clinicianId);
		clinicians.removeLicense(clinician.id(), state);
		flash(redirect, "careteams.clinicians.license-removed", state);
		return "redirect:/admin/clinicians/" + clinicianId;
	}

	@PostMapping("/admin/clinicians/{clinicianId}/capacity")
	String capacity(@PathVariable UUID clinicianId, @Valid @ModelAttribute("capacityForm") CapacityForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		var clinician = find(clinicianId);
		if (result.hasErrors()) {
			model.addAttribute("license", LicenseForm.empty());
			return detailPage(model, clinician, form);
		}
		var patients = form.patients();
		clinicians.capacity(clinician.id(), patients);
		flash(redirect, "careteams.clinicians.capacity-saved", patients);
		return "redirect:/admin/clinicians/" + clinicianId;
	}

	@PostMapping("/admin/clinicians/{clinicianId}/deactivation")
	String deactivate(@PathVariable UUID clinicianId, RedirectAttributes redirect) {
		var clinician = find(clinicianId);
		assignments.deactivate(clinician.id());
		flash(redirect, "careteams.clinicians.deactivated", clinician.displayName());
		return "redirect:/admin/clinicians";
	}

	private String listPage(Model model) {
		model.addAttribute("clinicians", clinicians.all());
		model.addAttribute("loads", assignments.activeLoads());
		model.addAttribute("kinds", LicenseKind.values());
		return "careteams/clinicians";
	}

	private String detailPage(Model model, ClinicianSummary clinician, @Nullable CapacityForm capacity) {
		model.addAttribute("clinician", clinician);
		model.addAttribute("load", assignments.activeLoads().getOrDefault(clinician.username(), 0));
		if (capacity == null) {
			model.addAttribute("capacityForm", new CapacityForm(String.valueOf(clinician.capacity())));
		}
		model.addAttribute("kinds", LicenseKind.values());
		model.addAttribute("today", LocalDate.now());
		return "careteams/clinician";
	}

	private ClinicianSummary find(UUID clinicianId) {
		return clinicians.find(new ClinicianId(clinicianId))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such clinician."));
	}

	private void flash(RedirectAttributes redirect, String code, Object... arguments) {
		redirect.addFlashAttribute("flash", messages.getMessage(code, arguments, LocaleContextHolder.getLocale()));
	}
}
