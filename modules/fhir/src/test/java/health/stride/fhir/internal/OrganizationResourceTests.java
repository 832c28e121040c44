package health.stride.fhir.internal;

import static health.stride.fhir.internal.RecordFixtures.valid;
import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

/** Organization: the clinic, read by everyone of it, and its sponsors, a patient reading only their own. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class OrganizationResourceTests {

	private final RecordFixtures fixtures;
	private final OrganizationResources resources;

	private RecordFixtures.World world;

	OrganizationResourceTests(RecordFixtures fixtures, OrganizationResources resources) {
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
	void mapsTheClinicUnderItsAliasForEveryoneOfItAndNobodyElse() {

		var clinic = valid(read(world.leoHimself(), world.clinic().value()).orElseThrow());

		assertThat(clinic.getIdElement().getIdPart()).isEqualTo(world.clinic().value());
		assertThat(clinic.getIdentifierFirstRep().getSystem()).isEqualTo("https://stride.health/fhir/sid/clinic");
		assertThat(clinic.getIdentifierFirstRep().getValue()).isEqualTo(world.clinic().value());
		assertThat(clinic.getActive()).isTrue();
		assertThat(clinic.getName()).isEqualTo("Northside Physical Therapy");
		assertThat(clinic.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("prov");
		assertThat(clinic.getTelecom()).extracting(it -> it.getSystem(), it -> it.getValue()).containsExactly(
				tuple(ContactPointSystem.PHONE, "+1 206 555 0100"), tuple(ContactPointSystem.EMAIL, "care@northside.example.org"));

		for (var requester : List.of(world.mayaHerself(), world.coachSam(), world.administrator(), world.integration())) {
			assertThat(read(requester, world.clinic().value())).as("%s", requester).isPresent();
		}
		assertThat(read(world.zoeElsewhere(), world.clinic().value())).as("a patient of another clinic").isEmpty();
	}

	@Test
	void mapsEachSponsorWithItsCodeAndKind() {

		var acme = valid(read(world.administrator(), world.acme().id().id().toString()).orElseThrow());
		assertThat(acme.getName()).isEqualTo("Acme Logistics");
		assertThat(acme.getIdentifierFirstRep().getSystem()).isEqualTo("https://stride.health/fhir/sid/sponsor-code");
		assertThat(acme.getIdentifierFirstRep().getValue()).isEqualTo("ACME");
		assertThat(acme.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("pay");
		assertThat(acme.getActive()).isTrue();

		var cascade = valid(read(world.integration(), world.cascade().id().id().toString()).orElseThrow());
		assertThat(cascade.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("ins");
		assertThat(read(world.coachSam(), world.cascade().id().id().toString())).as("any clinician").isPresent();
	}

	@Test
	void aPatientReadsOnlyTheSponsorThatCoversThem() {

		assertThat(read(world.leoHimself(), world.acme().id().id().toString())).isPresent();
		assertThat(read(world.leoHimself(), world.cascade().id().id().toString())).isEmpty();
		assertThat(read(world.mayaHerself(), world.acme().id().id().toString())).isEmpty();
		assertThat(read(world.zoeElsewhere(), world.acme().id().id().toString())).isEmpty();

		assertThat(ids(search(world.leoHimself(), Map.of()))).containsExactlyInAnyOrder(world.clinic().value(),
				world.acme().id().id().toString());
		assertThat(ids(search(world.mayaHerself(), Map.of()))).containsExactly(world.clinic().value());
		assertThat(ids(search(world.zoeElsewhere(), Map.of()))).containsExactly(world.otherClinic().value());
	}

	@Test
	void searchesByNameTypeAndIdentifier() {

		var admin = world.administrator();
		assertThat(ids(search(admin, Map.of()))).hasSize(3);
		assertThat(ids(search(admin, Map.of("name", "acme")))).containsExactly(world.acme().id().id().toString());
		assertThat(ids(search(admin, Map.of("name", "health")))).containsExactly(world.cascade().id().id().toString());
		assertThat(ids(search(admin, Map.of("type", "ins")))).containsExactly(world.cascade().id().id().toString());
		assertThat(ids(search(admin, Map.of("type", "http://terminology.hl7.org/CodeSystem/organization-type|prov"))))
				.containsExactly(world.clinic().value());
		assertThat(ids(search(admin, Map.of("identifier", "https://stride.health/fhir/sid/sponsor-code|CASCADE"))))
				.containsExactly(world.cascade().id().id().toString());
		assertThat(ids(search(admin, Map.of("_id", world.acme().id().id().toString(), "type", "ins")))).isEmpty();
		assertThat(ids(search(world.leoHimself(), Map.of("type", "ins")))).as("not his sponsor").isEmpty();
	}

	private java.util.Optional<Organization> read(Requester requester, String id) {
		return world.as(requester, () -> resources.read(id, requester));
	}

	private SearchResult search(Requester requester, Map<String, String> parameters) {
		return world.as(requester, () -> resources.search(new SearchRequest(parameters, 50, 0, null, Set.of()), requester));
	}

	private static List<String> ids(SearchResult result) {
		return result.matches().stream().map(Resource::getIdElement).map(it -> it.getIdPart()).toList();
	}
}
