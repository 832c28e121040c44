package health.stride.fhir.internal;

import static health.stride.fhir.internal.RecordFixtures.valid;
import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditEvent;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Patient: the record as R4 with the Stride id and the sponsor's member id, read and searched by whoever may
 * read it and by nobody else (another patient, a coach not on the care team, a patient of another clinic).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class PatientResourceTests {

	private final RecordFixtures fixtures;
	private final PatientResources resources;
	private final AuditTrail audit;
	private final Everything everything;

	private RecordFixtures.World world;

	PatientResourceTests(RecordFixtures fixtures, PatientResources resources, AuditTrail audit, Everything everything) {
		this.fixtures = fixtures;
		this.resources = resources;
		this.audit = audit;
		this.everything = everything;
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
	void aPatientReadsTheirOwnValidRecordAndNoOtherPatients() {

		var leo = world.as(world.leoHimself(), () -> resources.read(id(world.leo()), world.leoHimself()));
		assertThat(leo).hasValueSatisfying(patient -> {
			valid(patient);
			assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Fischer");
			assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1971-09-03");
		});
		assertThat(world.as(world.leoHimself(), () -> resources.read(id(world.maya()), world.leoHimself()))).isEmpty();
	}

	@Test
	void mapsASponsoredPatientWithTheMemberIdTheirTherapistAndTheClinic() {

		var patient = valid(world.as(world.therapistAlex(), () -> resources.read(id(world.leo()), world.therapistAlex()))
				.orElseThrow());

		assertThat(patient.getIdElement().getIdPart()).isEqualTo(id(world.leo()));
		assertThat(patient.getIdentifier()).extracting(Identifier::getSystem, Identifier::getValue).containsExactly(
				tuple(PatientResources.STRIDE_PATIENT_ID, id(world.leo())),
				tuple("https://stride.health/fhir/sid/member-id/ACME", "M-7"));
		var member = patient.getIdentifier().get(1);
		assertThat(member.getAssigner().getReference()).isEqualTo("Organization/" + world.acme().id().id());
		assertThat(member.getAssigner().getDisplay()).isEqualTo("Acme Logistics");
		assertThat(member.getType().getCodingFirstRep().getCode()).isEqualTo("MB");
		assertThat(patient.getActive()).isTrue();
		assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Fischer");
		assertThat(patient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Leo");
		assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1971-09-03");
		assertThat(patient.getTelecom()).extracting(it -> it.getSystem(), it -> it.getValue()).containsExactly(
				tuple(ContactPointSystem.EMAIL, "leo.f@example.org"), tuple(ContactPointSystem.PHONE, "+1 206 555 0123"));
		assertThat(patient.getAddressFirstRep().getState()).isEqualTo("WA");
		assertThat(patient.getCommunication()).as("Leo never chose a language").isEmpty();
		assertThat(patient.getManagingOrganization().getReference()).isEqualTo("Organization/" + world.clinic().value());
		assertThat(patient.getManagingOrganization().getDisplay()).isEqualTo("Northside Physical Therapy");
		assertThat(patient.getGeneralPractitioner()).singleElement().satisfies(it -> {
			assertThat(it.getReference()).isEqualTo("Practitioner/" + world.alex().id());
			assertThat(it.getDisplay()).isEqualTo("Alex Rivera, PT");
		});
	}

	@Test
	void mapsAPatientWhoPaysHerselfInTheLanguageSheChose() {

		var patient = valid(world.as(world.administrator(), () -> resources.read(id(world.maya()), world.administrator()))
				.orElseThrow());

		assertThat(patient.getIdentifier()).singleElement().extracting(Identifier::getValue).isEqualTo(id(world.maya()));
		assertThat(patient.getCommunicationFirstRep().getLanguage().getCodingFirstRep().getSystem())
				.isEqualTo("urn:ietf:bcp:47");
		assertThat(patient.getCommunicationFirstRep().getLanguage().getCodingFirstRep().getCode()).isEqualTo("es");
		assertThat(patient.getGeneralPractitioner()).isEmpty();
	}

	@Test
	void nobodyElseReadsTheRecordAndEachRefusalIsAudited() {

		assertThat(world.as(world.mayaHerself(), () -> resources.read(id(world.leo()), world.mayaHerself())))
				.as("another patient").isEmpty();
		assertThat(world.as(world.coachSam(), () -> resources.read(id(world.leo()), world.coachSam())))
				.as("a coach not on the care team").isEmpty();
		assertThat(world.as(world.zoeElsewhere(), () -> resources.read(id(world.leo()), world.zoeElsewhere())))
				.as("a patient of another clinic").isEmpty();
		assertThat(world.as(world.coachRio(), () -> resources.read(id(world.leo()), world.coachRio())))
				.as("the coach on the care team").isPresent();

		var entries = CurrentTenant.callAs(world.clinic(), () -> audit.aboutPatient(world.leo().id(), 20));
		assertThat(entries).filteredOn(it -> "fhir/Patient".equals(it.resource()))
				.extracting(AuditEvent::actorUsername, AuditEvent::action)
				.contains(tuple("maya", AuditAction.ACCESS_DENIED), tuple("coach.sam", AuditAction.ACCESS_DENIED),
						tuple("coach.rio", AuditAction.READ));
	}

	@Test
	void findsAPatientByEitherIdentifierOnlyWithinReach() {

		var system = world.integration();
		assertThat(ids(search(system, Map.of("identifier", "https://stride.health/fhir/sid/member-id/ACME|M-7"))))
				.containsExactly(id(world.leo()));
		assertThat(ids(search(system, Map.of("identifier", "M-7")))).containsExactly(id(world.leo()));
		assertThat(ids(search(system, Map.of("identifier", PatientResources.STRIDE_PATIENT_ID + "|" + id(world.maya())))))
				.containsExactly(id(world.maya()));
		assertThat(ids(search(system, Map.of("_id", id(world.maya()))))).containsExactly(id(world.maya()));
		assertThat(search(system, Map.of("identifier", "https://stride.health/fhir/sid/member-id/CASCADE|M-7")).matches())
				.as("another sponsor's member id").isEmpty();
		assertThat(search(system, Map.of("_id", id(world.maya()), "identifier", "M-7")).matches())
				.as("both must hold").isEmpty();

		assertThat(search(world.coachSam(), Map.of("identifier", "M-7")).matches()).isEmpty();
		assertThat(search(world.mayaHerself(), Map.of("identifier", "M-7")).matches()).isEmpty();
		assertThat(search(world.zoeElsewhere(), Map.of("identifier", "M-7")).matches()).isEmpty();
		assertThat(search(world.zoeElsewhere(), Map.of("_id", id(world.leo()))).matches()).isEmpty();
	}

	@Test
	void listsThePatientsEachRequesterReachesAPageAtATime() {

		var first = search(world.integration(), Map.of(), 1, 0);
		var second = search(world.integration(), Map.of(), 1, 1);
		assertThat(first.matches()).hasSize(1);
		assertThat(first.more()).isTrue();
		assertThat(second.more()).isFalse();
		assertThat(ids(first)).doesNotContainAnyElementsOf(ids(second));
		assertThat(concat(ids(first), ids(second))).containsExactlyInAnyOrder(id(world.leo()), id(world.maya()));
		first.matches().forEach(it -> valid(it));

		assertThat(ids(search(world.administrator(), Map.of()))).containsExactlyInAnyOrder(id(world.leo()), id(world.maya()));
		assertThat(ids(search(world.coachRio(), Map.of()))).containsExactly(id(world.leo()));
		assertThat(ids(search(world.mayaHerself(), Map.of()))).containsExactly(id(world.maya()));
		assertThat(search(world.coachSam(), Map.of()).matches()).isEmpty();
		assertThat(ids(search(world.zoeElsewhere(), Map.of()))).containsExactly(id(world.zoe()));
	}

	@Test
	void givesTheWholeAdministrativeRecordToEverythingValid() {

		var record = world.as(world.leoHimself(), () -> everything.of(world.leo(), world.leoHimself())).orElseThrow();

		var types = Set.of("Patient", "Organization", "Practitioner", "PractitionerRole", "CareTeam", "Coverage", "Consent");
		var administrative = record.stream().filter(it -> types.contains(it.fhirType())).toList();
		administrative.forEach(RecordFixtures::valid);
		assertThat(administrative).extracting(Resource::fhirType).containsExactlyInAnyOrder("Patient", "Organization",
				"Organization", "Practitioner", "Practitioner", "PractitionerRole", "PractitionerRole", "CareTeam",
				"Coverage", "Consent", "Consent", "Consent");
		assertThat(administrative).filteredOn(it -> it.fhirType().equals("Organization"))
				.extracting(it -> it.getIdElement().getIdPart())
				.containsExactlyInAnyOrder(world.clinic().value(), world.acme().id().id().toString());

		assertThat(world.as(world.coachSam(), () -> everything.of(world.leo(), world.coachSam()))).isEmpty();
		assertThat(world.as(world.zoeElsewhere(), () -> everything.of(world.leo(), world.zoeElsewhere()))).isEmpty();
	}

	private SearchResult search(Requester requester, Map<String, String> parameters) {
		return search(requester, parameters, SearchRequest.DEFAULT_COUNT, 0);
	}

	private SearchResult search(Requester requester, Map<String, String> parameters, int count, int offset) {
		return world.as(requester,
				() -> resources.search(new SearchRequest(parameters, count, offset, null, Set.of()), requester));
	}

	private static List<String> ids(SearchResult result) {
		return result.matches().stream().map(Resource::getIdElement).map(it -> it.getIdPart()).toList();
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

	static String id(health.stride.patients.PatientId patient) {
		return patient.id().toString();
	}
}
