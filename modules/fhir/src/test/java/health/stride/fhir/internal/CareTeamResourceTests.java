package health.stride.fhir.internal;

import static health.stride.fhir.internal.RecordFixtures.valid;
import static org.assertj.core.api.Assertions.*;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.patients.PatientId;

/** CareTeam: the patient's care team of record, for those who may read the patient's record only. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class CareTeamResourceTests {

	private final RecordFixtures fixtures;
	private final CareTeamResources resources;

	private RecordFixtures.World world;

	CareTeamResourceTests(RecordFixtures fixtures, CareTeamResources resources) {
		this.fixtures = fixtures;
		this.resources = resources;
	}

	@BeforeEach
	void aClinicsRecord() {
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		world = fixtures.world();
	}

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void mapsTheTherapistAndTheCoachOfRecord() {

		var team = valid(read(world.therapistAlex(), world.leo()).orElseThrow());

		assertThat(team.getIdElement().getIdPart()).isEqualTo(world.leo().id().toString());
		assertThat(team.getStatus()).isEqualTo(CareTeamStatus.ACTIVE);
		assertThat(team.getSubject().getReference()).isEqualTo("Patient/" + world.leo().id());
		assertThat(team.getManagingOrganizationFirstRep().getReference()).isEqualTo("Organization/" + world.clinic().value());
		assertThat(team.getParticipant()).hasSize(2);
		var therapist = team.getParticipant().get(0);
		assertThat(therapist.getMember().getReference()).isEqualTo("Practitioner/" + world.alex().id());
		assertThat(therapist.getMember().getDisplay()).isEqualTo("Alex Rivera, PT");
		assertThat(therapist.getRoleFirstRep().getCodingFirstRep().getCode()).isEqualTo("therapist");
		assertThat(therapist.getOnBehalfOf().getReference()).isEqualTo("Organization/" + world.clinic().value());
		var coach = team.getParticipant().get(1);
		assertThat(coach.getMember().getReference()).isEqualTo("Practitioner/" + world.rio().id());
		assertThat(coach.getRoleFirstRep().getCodingFirstRep().getCode()).isEqualTo("coach");
	}

	@Test
	void onlyThoseWhoMayReadTheRecordReadTheCareTeam() {

		assertThat(read(world.leoHimself(), world.leo())).isPresent();
		assertThat(read(world.coachRio(), world.leo())).isPresent();
		assertThat(read(world.administrator(), world.leo())).isPresent();
		assertThat(read(world.integration(), world.leo())).isPresent();
		assertThat(read(world.mayaHerself(), world.leo())).as("another patient").isEmpty();
		assertThat(read(world.coachSam(), world.leo())).as("a coach not on the team").isEmpty();
		assertThat(read(world.zoeElsewhere(), world.leo())).as("a patient of another clinic").isEmpty();
		assertThat(read(world.administrator(), world.maya())).as("a patient without a care team").isEmpty();
	}

	@Test
	void searchesByPatientAndLetsAPatientLeaveItOut() {

		var leo = world.leo().id().toString();
		assertThat(search(world.administrator(), Map.of("subject", "Patient/" + leo)).matches()).hasSize(1);
		assertThat(search(world.administrator(), Map.of("patient", leo)).matches()).hasSize(1);
		assertThat(search(world.administrator(), Map.of("patient", leo, "subject", "Patient/" + world.maya().id())).matches())
				.as("two patients").isEmpty();
		assertThat(search(world.leoHimself(), Map.of()).matches()).hasSize(1);
		assertThat(search(world.mayaHerself(), Map.of("patient", leo)).matches()).isEmpty();
		assertThat(search(world.coachSam(), Map.of("patient", leo)).matches()).isEmpty();
		assertThat(search(world.zoeElsewhere(), Map.of("patient", leo)).matches()).isEmpty();
		assertThat(search(world.administrator(), Map.of("_id", leo)).matches()).as("by id alone").hasSize(1);
		assertThat(search(world.coachSam(), Map.of("_id", leo)).matches()).isEmpty();
		assertThatExceptionOfType(FhirProblem.class).isThrownBy(() -> search(world.administrator(), Map.of()))
				.satisfies(it -> assertThat(it.code()).isEqualTo("fhir.problem.patient-required"));
	}

	private Optional<CareTeam> read(Requester requester, PatientId patient) {
		return world.as(requester, () -> resources.read(patient.id().toString(), requester));
	}

	private SearchResult search(Requester requester, Map<String, String> parameters) {
		return world.as(requester, () -> resources.search(new SearchRequest(parameters, 50, 0, null, Set.of()), requester));
	}
}
