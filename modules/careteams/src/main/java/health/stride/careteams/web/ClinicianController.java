package health.stride.careteams.web;

import java.util.UUID;

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

	ClinicianController(ClinicianManagement clinicians) {
		this.clinicians = clinicians;
	}

	@GetMapping("/api/clinicians/{clinicianId}")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	ClinicianSummary clinician(@PathVariable UUID clinicianId) {
		return clinicians.find(new ClinicianId(clinicianId))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such clinician"));
	}
}
