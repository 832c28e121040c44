package health.stride.patients.web;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import health.stride.patients.CareTeam;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.platform.security.CurrentUser;

/** A patient's record over the API, for the patient, their care team and the clinic's administrators. */
@RestController
class PatientApiController {

	private final PatientDirectory directory;

	private final Problems problems;

	PatientApiController(PatientDirectory directory, Problems problems) {
		this.directory = directory;
		this.problems = problems;
	}

	record ClinicianJson(String clinicianId, String displayName) {

		static @Nullable ClinicianJson of(CareTeam.@Nullable Member member) {
			return member == null ? null : new ClinicianJson(member.clinicianId().toString(), member.displayName());
		}
	}

	record CareTeamJson(@Nullable ClinicianJson therapist, @Nullable ClinicianJson coach) {}

	record PatientJson(String patientId, String firstName, String lastName, LocalDate dateOfBirth, String email,
			@Nullable String phone, String state, String timeZone, String status, @Nullable String sponsorId,
			CareTeamJson careTeam, boolean intakeCompleted, int openRedFlags) {

		static PatientJson of(PatientRecord record) {
			var team = record.careTeam();
			return new PatientJson(record.id().toString(), record.firstName(), record.lastName(), record.dateOfBirth(),
					record.email(), record.phone(), record.state(), record.timeZone(), record.status().name(),
					record.sponsorId() == null ? null : record.sponsorId().toString(),
					new CareTeamJson(team == null ? null : ClinicianJson.of(team.therapist()),
							team == null ? null : ClinicianJson.of(team.coach())),
					record.intakeCompleted(), record.openRedFlags());
		}
	}

	@GetMapping("/api/patients/{patientId}")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	ResponseEntity<?> patient(@PathVariable UUID patientId) {
		return directory.open(new PatientId(patientId), CurrentUser.require())
				.<ResponseEntity<?>> map(record -> ResponseEntity.ok(PatientJson.of(record)))
				.orElseGet(() -> problems.notFound("patients.api.no-such-patient"));
	}
}
