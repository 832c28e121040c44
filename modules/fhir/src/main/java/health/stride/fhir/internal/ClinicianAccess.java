package health.stride.fhir.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianSummary;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientId;

/**
 * Which of the clinic's clinicians a requester may read (for Practitioner and PractitionerRole): a patient
 * only the clinicians of their care team, clinicians, administrators and the clinic's integration all of
 * them. Who works at a clinic is not a patient's data, so reading it is not audited.
 */
@Component
class ClinicianAccess {

	private final ClinicianManagement clinicians;
	private final CareTeams careTeams;

	ClinicianAccess(ClinicianManagement clinicians, CareTeams careTeams) {
		this.clinicians = clinicians;
		this.careTeams = careTeams;
	}

	/** The clinician, if the requester may read them. */
	Optional<ClinicianSummary> find(UUID id, Requester requester) {
		if (requester.isPatient() && careTeamOf(patientOf(requester)).noneMatch(it -> it.clinicianId().equals(id))) {
			return Optional.empty();
		}
		return clinicians.find(new ClinicianId(id));
	}

	/**
	 * One page of the clinicians the requester may read whose name matches (all when {@code name} is null),
	 * by name; {@code more} when another page follows.
	 */
	Page page(@Nullable String name, int offset, int count, Requester requester) {
		if (requester.isPatient()) {
			var team = careTeamOf(patientOf(requester))
					.filter(it -> name == null || RecordSystems.nameMatches(it.displayName(), name))
					.flatMap(it -> clinicians.find(new ClinicianId(it.clinicianId())).stream())
					.toList();
			var from = Math.min(offset, team.size());
			var to = Math.min(from + count, team.size());
			return new Page(team.subList(from, to), to < team.size());
		}
		var found = clinicians.page(name, offset, count + 1);
		return new Page(found.subList(0, Math.min(count, found.size())), found.size() > count);
	}

	/** The clinicians of the patient's care team, therapist first. */
	List<ClinicianSummary> careTeam(PatientId patient) {
		return careTeamOf(patient).flatMap(it -> clinicians.find(new ClinicianId(it.clinicianId())).stream()).toList();
	}

	private Stream<CareTeam.Member> careTeamOf(PatientId patient) {
		return careTeams.of(patient).stream().flatMap(team -> Stream.of(team.therapist(), team.coach()))
				.filter(java.util.Objects::nonNull);
	}

	private static PatientId patientOf(Requester requester) {
		return java.util.Objects.requireNonNull(requester.patient());
	}

	record Page(List<ClinicianSummary> clinicians, boolean more) {
	}
}
