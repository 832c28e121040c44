package health.stride.careteams.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.careteams.Assignments;
import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.ClinicianSummary;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.careteams.NewClinician;
import health.stride.platform.identity.Accounts;

/**
 * The clinic administrator's pages for the clinic's therapists and coaches: invite one (a Keycloak
 * account in the clinic's organization with their role), keep their licenses and capacity, and
 * deactivate one who leaves (their patients get another clinician or wait for assignment).
 */
@Controller
@PreAuthorize("hasRole('CLINIC_ADMIN')")
class AdminCliniciansController {

	private static final String USERNAME = "[a-z0-9][a-z0-9._-]{2,39}";

	private final ClinicianManagement clinicians;
	private final Assignments assignments;

	AdminCliniciansController(ClinicianManagement clinicians, Assignments assignments) {
		this.clinicians = clinicians;
		this.assignments = assignments;
	}

	@GetMapping("/admin/clinicians")
	String list(Model model) {
		return listPage(model, new FormValues(), Map.of());
	}

	@PostMapping("/admin/clinicians")
	String invite(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {

		var errors = new LinkedHashMap<String, String>();
		var firstName = text(form, "firstName");
		var lastName = text(form, "lastName");
		var username = text(form, "username");
		var email = text(form, "email");
		var role = java.util.Arrays.stream(ClinicianRole.values()).filter(it -> it.name().equals(text(form, "role")))
				.findFirst().orElse(null);
		var capacity = number(text(form, "capacity"));

		if (firstName.isEmpty() || firstName.length() > 60) errors.put("firstName", "Give the first name (up to 60 characters).");
		if (lastName.isEmpty() || lastName.length() > 60) errors.put("lastName", "Give the last name (up to 60 characters).");
		if (!username.matches(USERNAME)) errors.put("username", "Use 3 to 40 lower-case letters, digits, dots, hyphens or underscores.");
		if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 254) errors.put("email", "Give a valid email address.");
		if (role == null) errors.put("role", "Choose therapist or coach.");
		if (capacity == null || capacity < 0 || capacity > 2000) errors.put("capacity", "Give a number of patients from 0 to 2000.");
		var licenses = List.<License>of();
		if (role == ClinicianRole.THERAPIST && !text(form, "licenseState").isEmpty()) {
			var license = license(form, errors);
			licenses = license == null ? List.of() : List.of(license);
		}
		if (!errors.isEmpty()) {
			return listPage(model, new FormValues(form), errors);
		}

		try {
			var invited = clinicians.invite(new NewClinician(username, email, firstName, lastName,
					java.util.Objects.requireNonNull(role), java.util.Objects.requireNonNull(capacity), licenses));
			redirect.addFlashAttribute("flash", "Invited " + firstName + " " + lastName + ". We emailed them a link to"
					+ " choose their password; they sign in with the username " + username + ".");
			return "redirect:/admin/clinicians/" + invited.id().id();
		} catch (Accounts.AccountConflict conflict) {
			errors.put("username", Accounts.AccountConflict.MESSAGE);
		} catch (Accounts.AccountRejected rejected) {
			errors.put("username", rejected.getMessage());
		} catch (Accounts.AccountsUnavailable unavailable) {
			errors.put("form", "Keycloak cannot be reached or could not send the email just now; nothing was saved."
					+ " Please try again.");
		} catch (org.springframework.dao.DataIntegrityViolationException duplicate) {
			errors.put("username", "A clinician with this username exists already.");
		}
		return listPage(model, new FormValues(form), errors);
	}

	@GetMapping("/admin/clinicians/{clinicianId}")
	String clinician(@PathVariable UUID clinicianId, Model model) {
		return detailPage(model, find(clinicianId), Map.of());
	}

	@PostMapping("/admin/clinicians/{clinicianId}/licenses")
	String addLicense(@PathVariable UUID clinicianId, @RequestParam MultiValueMap<String, String> form, Model model,
			RedirectAttributes redirect) {

		var clinician = find(clinicianId);
		var errors = new LinkedHashMap<String, String>();
		var license = license(form, errors);
		if (license == null) {
			return detailPage(model, clinician, errors);
		}
		clinicians.license(clinician.id(), license);
		redirect.addFlashAttribute("flash", "License for " + license.state() + " saved.");
		return "redirect:/admin/clinicians/" + clinicianId;
	}

	@PostMapping("/admin/clinicians/{clinicianId}/licenses/{state}/removal")
	String removeLicense(@PathVariable UUID clinicianId, @PathVariable String state, RedirectAttributes redirect) {
		var clinician = find(clinicianId);
		clinicians.removeLicense(clinician.id(), state);
		redirect.addFlashAttribute("flash", "License for " + state + " removed. Patients already assigned keep their therapist;"
				+ " reassign them on the assignments page if needed.");
		return "redirect:/admin/clinicians/" + clinicianId;
	}

	@PostMapping("/admin/clinicians/{clinicianId}/capacity")
	String capacity(@PathVariable UUID clinicianId, @RequestParam(defaultValue = "") String capacity, Model model,
			RedirectAttributes redirect) {
		var clinician = find(clinicianId);
		var patients = number(capacity.strip());
		if (patients == null || patients < 0 || patients > 2000) {
			return detailPage(model, clinician, Map.of("capacity", "Give a number of patients from 0 to 2000."));
		}
		clinicians.capacity(clinician.id(), patients);
		redirect.addFlashAttribute("flash", "Capacity set to " + patients + " patients.");
		return "redirect:/admin/clinicians/" + clinicianId;
	}

	@PostMapping("/admin/clinicians/{clinicianId}/deactivation")
	String deactivate(@PathVariable UUID clinicianId, RedirectAttributes redirect) {
		var clinician = find(clinicianId);
		assignments.deactivate(clinician.id());
		redirect.addFlashAttribute("flash", clinician.displayName() + " is deactivated; their patients were given another"
				+ " clinician where one was available, the others wait on the assignments page.");
		return "redirect:/admin/clinicians";
	}

	private String listPage(Model model, FormValues form, Map<String, String> errors) {
		model.addAttribute("clinicians", clinicians.all());
		model.addAttribute("loads", assignments.activeLoads());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", LicenseKind.values());
		model.addAttribute("today", LocalDate.now());
		return "careteams/clinicians";
	}

	private String detailPage(Model model, ClinicianSummary clinician, Map<String, String> errors) {
		model.addAttribute("clinician", clinician);
		model.addAttribute("load", assignments.activeLoads().getOrDefault(clinician.username(), 0));
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", LicenseKind.values());
		model.addAttribute("today", LocalDate.now());
		return "careteams/clinician";
	}

	private ClinicianSummary find(UUID clinicianId) {
		return clinicians.find(new ClinicianId(clinicianId))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such clinician."));
	}

	private static @Nullable License license(MultiValueMap<String, String> form, Map<String, String> errors) {

		var state = text(form, "licenseState").toUpperCase(java.util.Locale.ROOT);
		var kind = java.util.Arrays.stream(LicenseKind.values()).filter(it -> it.name().equals(text(form, "licenseKind")))
				.findFirst().orElse(null);
		var number = text(form, "licenseNumber");
		LocalDate expires = null;
		try {
			expires = LocalDate.parse(text(form, "licenseExpires"));
		} catch (DateTimeParseException e) {
			errors.put("licenseExpires", "Give the expiry date as YYYY-MM-DD.");
		}
		if (!state.matches("[A-Z]{2}")) errors.put("licenseState", "Give the two-letter state code, e.g. WA.");
		if (kind == null) errors.put("licenseKind", "Choose a state license or a compact privilege.");
		if (number.isEmpty() || number.length() > 40) errors.put("licenseNumber", "Give the license number (up to 40 characters).");
		if (expires != null && expires.isBefore(LocalDate.now())) errors.put("licenseExpires", "This license has expired already.");

		return errors.keySet().stream().anyMatch(it -> it.startsWith("license")) || kind == null || expires == null ? null
				: new License(state, kind, number, expires);
	}

	private static String text(MultiValueMap<String, String> form, String field) {
		var value = form.getFirst(field);
		return value == null ? "" : value.strip();
	}

	private static @Nullable Integer number(String text) {
		try {
			return Integer.valueOf(text);
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** The submitted form's first values by field name, for showing them again. */
	static final class FormValues extends java.util.HashMap<String, String> {

		FormValues() {
			put("capacity", "300");
			put("role", "THERAPIST");
			put("licenseKind", "LICENSE");
		}

		FormValues(MultiValueMap<String, String> form) {
			form.forEach((key, values) -> put(key, values.isEmpty() ? "" : values.get(0)));
		}
	}
}
