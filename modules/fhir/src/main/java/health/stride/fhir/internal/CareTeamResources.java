package health.stride.fhir.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianRole;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.patients.PatientSummary;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;

/**
 * {@code CareTeam}: the patient's care team of record, their therapist and coach (who left the clinic is
 * no longer on it), one per patient under the patient's id. Active while the patient is in care.
 */
@Component
class CareTeamResources implements ResourceProvider<org.hl7.fhir.r4.model.CareTeam> {

	private final PatientAccess access;
	private final CareTeams careTeams;
	private final PatientDirectory patients;
	private final ClinicRegistry clinics;
	private final RecordTexts texts;

	CareTeamResources(PatientAccess access, CareTeams careTeams, PatientDirectory patients, ClinicRegistry clinics,
			RecordTexts texts) {
		this.access = access;
		this.careTeams = careTeams;
		this.patients = patients;
		this.clinics = clinics;
		this.texts = texts;
	}

	@Override
	public ResourceType type() {
		return ResourceType.CareTeam;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "subject", "patient");
	}

	@Override
	public Optional<org.hl7.fhir.r4.model.CareTeam> read(String id, Requester requester) {
		return Ids.uuid(id).map(PatientId::new).flatMap(patient -> read(patient, requester));
	}

	private Optional<org.hl7.fhir.r4.model.CareTeam> read(PatientId patient, Requester requester) {
		return access.open(patient, PatientAccess.Part.RECORD, type(), requester)
				.flatMap(summary -> careTeams.of(patient).map(team -> careTeam(summary, team, requester)));
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {
		if (PatientSearches.byIdAlone(search, "subject", "patient")) {
			var found = read(search.value("_id").orElseThrow(), requester).stream().toList();
			access.recordSearch(type(), found.stream().map(it -> UUID.fromString(it.getIdElement().getIdPart())).toList());
			return SearchResult.page(found, search);
		}
		var patient = PatientSearches.patientOf(search, requester, "subject", "patient")
				.filter(it -> search.value("_id").map(it.id().toString()::equals).orElse(true));
		var found = patient.flatMap(it -> read(it, requester)).stream().toList();
		access.recordSearch(type(), patient.filter(it -> !found.isEmpty()).map(PatientId::id).stream().toList());
		return SearchResult.page(found, search);
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return patients.find(patient)
				.flatMap(summary -> careTeams.of(patient).map(team -> careTeam(summary, team, requester)))
				.stream().toList();
	}

	private org.hl7.fhir.r4.model.CareTeam careTeam(PatientSummary patient, CareTeam team, Requester requester) {

		var clinic = clinics.find(requester.clinic());
		var careTeam = new org.hl7.fhir.r4.model.CareTeam();
		careTeam.setId(patient.id().id().toString());
		careTeam.setStatus(patient.status() == PatientStatus.DISCHARGED ? CareTeamStatus.INACTIVE : CareTeamStatus.ACTIVE);
		careTeam.setSubject(RecordSystems.patient(patient.id()));
		participant(careTeam, team.therapist(), ClinicianRole.THERAPIST, clinic);
		participant(careTeam, team.coach(), ClinicianRole.COACH, clinic);
		clinic.ifPresent(it -> careTeam.addManagingOrganization(RecordSystems.clinic(it)));
		return careTeam;
	}

	private void participant(org.hl7.fhir.r4.model.CareTeam careTeam, CareTeam.@Nullable Member member, ClinicianRole role,
			Optional<Clinic> clinic) {
		if (member == null) {
			return;
		}
		var participant = careTeam.addParticipant().setMember(RecordSystems.practitioner(member));
		participant.addRole(PractitionerRoleResources.code(role, texts));
		clinic.ifPresent(it -> participant.setOnBehalfOf(RecordSystems.clinic(it)));
	}
}
