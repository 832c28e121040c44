package health.stride.fhir.internal;

import static health.stride.fhir.internal.RecordFixtures.valid;
import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

/** Consent: every version of a document the patient agreed to, the last one active, the ones before superseded. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ConsentResourceTests {

	private final RecordFixtures fixtures;
	private final ConsentResources resources;

	private RecordFixtures.World world;

	ConsentResourceTests(RecordFixtures fixtures, ConsentResources resources) {
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
	void mapsEachConsentGivenWithTheSupersededOnesInactive() {

		var consents = consents(search(world.leoHimself(), Map.of()));
		consents.forEach(RecordFixtures::valid);
		var leo = world.leo().id().toString();
		assertThat(consents).extracting(it -> it.getIdElement().getIdPart(), Consent::getStatus).containsExactly(
				tuple(leo + ".telehealth.1", ConsentState.ACTIVE), tuple(leo + ".privacy.1", ConsentState.INACTIVE),
				tuple(leo + ".privacy.2", ConsentState.ACTIVE));

		var telehealth = consents.get(0);
		assertThat(telehealth.getScope().getCodingFirstRep().getCode()).isEqualTo("treatment");
		assertThat(telehealth.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("59284-0");
		assertThat(telehealth.getPatient().getReference()).isEqualTo("Patient/" + leo);
		assertThat(telehealth.getOrganizationFirstRep().getReference()).isEqualTo("Organization/" + world.clinic().value());
		assertThat(telehealth.getDateTime()).isNotNull();
		assertThat(telehealth.getPolicyRule().getCodingFirstRep().getCode()).isEqualTo("telehealth");
		assertThat(telehealth.getSourceAttachment().getTitle()).isEqualTo("Consent to care by telehealth, version 2026-11-01");

		var notice = consents.get(2);
		assertThat(notice.getScope().getCodingFirstRep().getCode()).isEqualTo("patient-privacy");
		assertThat(notice.getPolicyRule().getCoding()).extracting(Coding::getCode).containsExactly("hipaa-npp");
		assertThat(notice.getPolicyRule().getText()).isEqualTo("Notice of privacy practices");
		assertThat(notice.getSourceAttachment().getTitle()).isEqualTo("Notice of privacy practices, version 1");
		assertThat(notice.getDateTime()).isAfterOrEqualTo(consents.get(1).getDateTime());
	}

	@Test
	void readsOneConsentByIdOnlyForThoseWhoMayReadTheRecord() {

		var id = world.leo().id() + ".privacy.1";
		assertThat(world.as(world.coachRio(), () -> resources.read(id, world.coachRio())))
				.hasValueSatisfying(it -> assertThat(it.getStatus()).isEqualTo(ConsentState.INACTIVE));
		assertThat(world.as(world.administrator(), () -> resources.read(world.leo().id() + ".privacy.3",
				world.administrator()))).as("no third consent").isEmpty();
		assertThat(world.as(world.mayaHerself(), () -> resources.read(id, world.mayaHerself()))).isEmpty();
		assertThat(world.as(world.coachSam(), () -> resources.read(id, world.coachSam()))).isEmpty();
		assertThat(world.as(world.zoeElsewhere(), () -> resources.read(id, world.zoeElsewhere()))).isEmpty();

		var leo = world.leo().id().toString();
		assertThat(search(world.integration(), Map.of("patient", "Patient/" + leo)).matches()).hasSize(3);
		assertThat(search(world.integration(), Map.of("patient", leo, "_id", id)).matches()).hasSize(1);
		assertThat(search(world.administrator(), Map.of("_id", id)).matches()).as("by id alone").hasSize(1);
		assertThat(search(world.zoeElsewhere(), Map.of("_id", id)).matches()).isEmpty();
		assertThat(search(world.coachSam(), Map.of("patient", leo)).matches()).isEmpty();
		assertThat(search(world.zoeElsewhere(), Map.of("patient", leo)).matches()).isEmpty();
		assertThat(search(world.mayaHerself(), Map.of()).matches()).as("Maya gave none").isEmpty();
	}

	private SearchResult search(Requester requester, Map<String, String> parameters) {
		return world.as(requester, () -> resources.search(new SearchRequest(parameters, 50, 0, null, Set.of()), requester));
	}

	private static List<Consent> consents(SearchResult result) {
		return result.matches().stream().map(Consent.class::cast).toList();
	}
}
