package health.stride.careteams.web;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.ClinicianSummary;
import health.stride.careteams.internal.Assignments;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditTrail;

/**
 * Patients waiting for a therapist, with the reason, for the clinic administrator to assign by
 * hand once a licensed therapist is available (the license rule still applies).
 */
@Controller
@PreAuthorize("hasRole('CLINIC_ADMIN')")
class AssignmentQueueController {

	private final Assignments assignments;
	private final ClinicianManagement clinicians;
	private final AuditTrail audit;
	private final MessageSource messages;

	AssignmentQueueController(Assignments assignments, ClinicianManagement clinicians, AuditTrail audit,
			MessageSource messages) {
		this.messages = messages;
		this.assignments = assignments;
		this.clinicians = clinicians;
		this.audit = audit;
	}

	/** A waiting patient with the therapists who may take them. */
	record Waiting(Assignments.Awaiting patient, List<ClinicianSummary> therapists) {}

	@GetMapping("/admin/assignments")
	String queue(Model model) {
		var awaiting = assignments.awaiting();
		audit.recordListView("assignment-queue", awaiting.stream().map(it -> it.patient().id()).toList());
		model.addAttribute("waiting", awaiting.stream().map(it -> new Waiting(it,
				assignments.therapistsLicensedIn(it.state()).stream().map(clinicians::find).flatMap(java.util.Optional::stream)
						.toList()))
				.toList());
		model.addAttribute("coaches", clinicians.all().stream()
				.filter(it -> it.role() == ClinicianRole.COACH && it.active()).toList());
		return "careteams/assignments";
	}

	@PostMapping("/admin/assignments/{patientId}")
	String assign(@PathVariable UUID patientId, @RequestParam(required = false) @Nullable UUID therapist,
			@RequestParam(required = false) @Nullable UUID coach, RedirectAttributes redirect) {

		if (therapist == null) {
			redirect.addFlashAttribute("flash", text("careteams.assignments.choose-therapist"));
			return "redirect:/admin/assignments";
		}
		try {
			assignments.assign(new PatientId(patientId), new ClinicianId(therapist),
					coach == null ? null : new ClinicianId(Objects.requireNonNull(coach)));
			redirect.addFlashAttribute("flash", text("careteams.assignments.assigned"));
		} catch (Assignments.NotAllowed refused) {
			redirect.addFlashAttribute("flash", messages.getMessage(refused, LocaleContextHolder.getLocale()));
		}
		return "redirect:/admin/assignments";
	}

	private String text(String code) {
		return messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}
}
