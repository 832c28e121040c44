package health.stride.fhir.internal;

import static health.stride.fhir.internal.RecordFixtures.valid;
import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Coverage.CoverageStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

/** Coverage: a sponsor's cover of the patient it enrolled, active until its last day, then cancelled. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class CoverageResourceTests {

	private final RecordFixtures fixtures;
	private final CoverageResources resources;

	private RecordFixtures.World world;

	CoverageResourceTests(RecordFixtures fixtures, CoverageResources resources) {
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
	void mapsTheSponsorsCoverFromEnrollmentToItsLastDay() {

		var coverage = valid(only(search(world.administrator(), Map.of("beneficiary", "Patient/" + world.leo().id()))));

		assertThat(coverage.getStatus()).isEqualTo(CoverageStatus.ACTIVE);
		assertThat(coverage.getBeneficiary().getReference()).isEqualTo("Patient/" + world.leo().id());
		assertThat(coverage.getSubscriber().getReference()).isEqualTo("Patient/" + world.leo().id());
		assertThat(coverage.getSubscriberId()).isEqualTo("M-7");
		assertThat(coverage.getRelationship().getCodingFirstRep().getCode()).isEqualTo("self");
		assertThat(coverage.getPayorFirstRep().getReference()).isEqualTo("Organization/" + world.acme().id().id());
		assertThat(coverage.getPayorFirstRep().getDisplay()).isEqualTo("Acme Logistics");
		assertThat(coverage.getIdentifierFirstRep().getSystem()).isEqualTo("https://stride.health/fhir/sid/member-id/ACME");
		assertThat(coverage.getPeriod().getStartElement().getValueAsString())
				.isEqualTo(LocalDate.now(ZoneId.of("America/Los_Angeles")).toString());
		assertThat(coverage.getPeriod().getEndElement().getValueAsString()).isEqualTo(world.coverEnds().toString());

		var byId = world.as(world.leoHimself(), () -> resources.read(coverage.getIdElement().getIdPart(), world.leoHimself()));
		assertThat(byId).hasValueSatisfying(it -> assertThat(it.getSubscriberId()).isEqualTo("M-7"));
		assertThat(search(world.leoHimself(), Map.of()).matches()).hasSize(1);
	}

	@Test
	void cancelsTheCoverOnceItsLastDayHasPassed() {

		var yesterday = LocalDate.now(ZoneId.of("America/Los_Angeles")).minusDays(1);
		fixtures.importRoster(world.clinic(), world.acme(), "M-7,Leo,Fischer,1971-09-03,leo@example.org,2025-01-01,"
				+ yesterday + "\n");

		var coverage = valid(only(search(world.integration(), Map.of("patient", world.leo().id().toString()))));
		assertThat(coverage.getStatus()).isEqualTo(CoverageStatus.CANCELLED);
		assertThat(coverage.getPeriod().getEndElement().getValueAsString()).isEqualTo(yesterday.toString());
	}

	@Test
	void nobodyElseReadsTheCoverAndAPatientWhoPaysThemselvesHasNone() {

		var id = only(search(world.administrator(), Map.of("patient", world.leo().id().toString()))).getIdElement().getIdPart();

		assertThat(world.as(world.mayaHerself(), () -> resources.read(id, world.mayaHerself()))).isEmpty();
		assertThat(world.as(world.coachSam(), () -> resources.read(id, world.coachSam()))).isEmpty();
		assertThat(world.as(world.zoeElsewhere(), () -> resources.read(id, world.zoeElsewhere()))).isEmpty();
		assertThat(world.as(world.coachRio(), () -> resources.read(id, world.coachRio()))).isPresent();
		assertThat(search(world.administrator(), Map.of("_id", id)).matches()).as("by id alone").hasSize(1);
		assertThat(search(world.coachSam(), Map.of("_id", id)).matches()).isEmpty();
		assertThat(search(world.coachSam(), Map.of("patient", world.leo().id().toString())).matches()).isEmpty();
		assertThat(search(world.zoeElsewhere(), Map.of("patient", world.leo().id().toString())).matches()).isEmpty();
		assertThat(search(world.mayaHerself(), Map.of()).matches()).isEmpty();
		assertThat(search(world.administrator(), Map.of("beneficiary", world.maya().id().toString())).matches()).isEmpty();
	}

	private SearchResult search(Requester requester, Map<String, String> parameters) {
		return world.as(requester, () -> resources.search(new SearchRequest(parameters, 50, 0, null, Set.of()), requester));
	}

	private static Coverage only(SearchResult result) {
		assertThat(result.matches()).hasSize(1);
		return (Coverage) result.matches().get(0);
	}
}
