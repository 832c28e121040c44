package health.stride.careteams.web;

import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianSummary;

/** Clinicians of the caller's clinic. Another clinic's clinician does not exist for the caller. */
@RestController
class ClinicianController {

	private final ClinicianManagement clinicians;
	private final MessageSource messages;

	ClinicianController(ClinicianManagement clinicians, MessageSource messages) {
		this.clinicians = clinicians;
		this.messages = messages;
	}

	@GetMapping("/api/clinicians/{clinicianId}")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	ClinicianSummary clinician(@PathVariable UUID clinicianId) {
		return clinicians.find(new ClinicianId(clinicianId))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
						messages.getMessage("careteams.assignments.no-clinician", null, LocaleContextHolder.getLocale())));
	}
}
