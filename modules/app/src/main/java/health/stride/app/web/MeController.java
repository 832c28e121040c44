package health.stride.app.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianSummary;
import health.stride.patients.PatientDirectory;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;

/** Who the caller is, as Stride sees them: for apps and scripts deciding what to show. */
@RestController
class MeController {

	private final ClinicianManagement clinicians;
	private final PatientDirectory patients;

	MeController(ClinicianManagement clinicians, PatientDirectory patients) {
		this.clinicians = clinicians;
		this.patients = patients;
	}

	record Me(String username, @Nullable String clinic, List<String> roles, @Nullable String patientId,
			@Nullable String clinicianId) {}

	@GetMapping("/api/me")
	@PreAuthorize("isAuthenticated()")
	Me me() {

		var user = CurrentUser.require();
		var clinician = user.clinic().isPresent() && user.hasAny(Role.THERAPIST, Role.COACH)
				? clinicians.findByUsername(user.username()).map(ClinicianSummary::id).map(Object::toString).orElse(null)
				: null;

		var patient = user.clinic().isPresent() && user.has(Role.PATIENT)
				? patients.findByUsername(user.username()).map(it -> it.id().toString()).orElse(null)
				: null;

		return new Me(user.username(), user.clinic().map(TenantId::value).orElse(null),
				user.roles().stream().sorted().map(Role::realmRole).toList(), patient, clinician);
	}
}
