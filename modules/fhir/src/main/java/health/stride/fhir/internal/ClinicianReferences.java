package health.stride.fhir.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianSummary;
import health.stride.patients.CareTeam;
import health.stride.patients.PatientId;
import health.stride.patients.PatientSummary;

/**
 * References to the people a message or a visit names: the patient, and a clinician as the
 * {@code Practitioner} whose id is their id in the care teams module. Messages know their clinicians by
 * username only; {@link #lookup()} finds their ids, once per username for a page of resources.
 */
@Component
class ClinicianReferences {

	private final ClinicianManagement clinicians;

	ClinicianReferences(ClinicianManagement clinicians) {
		this.clinicians = clinicians;
	}

	static Reference patient(PatientSummary patient) {
		return new Reference("Patient/" + patient.id().id()).setDisplay(patient.firstName() + " " + patient.lastName());
	}

	static Reference patient(PatientId patient) {
		return new Reference("Patient/" + patient.id());
	}

	static Reference practitioner(UUID clinicianId, String displayName) {
		return new Reference("Practitioner/" + clinicianId).setDisplay(displayName);
	}

	/** A lookup of clinicians' ids by username, remembering what it found for as long as it is kept. */
	Lookup lookup() {
		return new Lookup();
	}

	final class Lookup {

		private final Map<String, Optional<UUID>> ids = new HashMap<>();

		private Lookup() {
		}

		/** The clinician's reference; a clinician the clinic no longer knows is named without one. */
		Reference practitioner(String username, String displayName, Optional<CareTeam> team) {
			var member = team.flatMap(it -> member(it, username)).map(CareTeam.Member::clinicianId);
			var id = member.isPresent() ? member
					: ids.computeIfAbsent(username, it -> clinicians.findByUsername(it).map(ClinicianSummary::id)
							.map(clinician -> clinician.id()));
			return id.map(it -> ClinicianReferences.practitioner(it, displayName))
					.orElseGet(() -> new Reference().setDisplay(displayName));
		}

		private static Optional<CareTeam.Member> member(CareTeam team, String username) {
			if (team.therapist() != null && team.therapist().username().equals(username)) {
				return Optional.of(team.therapist());
			}
			if (team.coach() != null && team.coach().username().equals(username)) {
				return Optional.of(team.coach());
			}
			return Optional.empty();
		}
	}
}
