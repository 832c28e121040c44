package health.stride.fhir.internal;

import static health.stride.fhir.internal.RecordFixtures.valid;
import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.careteams.ClinicianId;

/**
 * Practitioner and PractitionerRole: the clinic's clinicians with their licenses and roles; a patient reads
 * only their care team's, everyone else of the clinic all of them.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class PractitionerResourceTests {

	private final RecordFixtures fixtures;
	private final PractitionerResources practitioners;
	private final PractitionerRoleResources roles;

	private RecordFixtures.World world;

	PractitionerResourceTests(RecordFixtures fixtures, PractitionerResources practitioners,
			PractitionerRoleResources roles) {
		this.fixtures = fixtures;
		this.practitioners = practitioners;
		this.roles = roles;
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
	void mapsATherapistWithEachLicenseAsAQualification() {

		var alex = valid(practitioner(world.administrator(), world.alex()).orElseThrow());

		assertThat(alex.getIdElement().getIdPart()).isEqualTo(world.alex().id().toString());
		assertThat(alex.getIdentifierFirstRep().getSystem()).isEqualTo("https://stride.health/fhir/sid/clinician-id");
		assertThat(alex.getActive()).isTrue();
		assertThat(alex.getNameFirstRep().getText()).isEqualTo("Alex Rivera, PT");
		assertThat(alex.getQualification()).hasSize(2);

		var oregon = alex.getQualification().get(0);
		assertThat(oregon.getCode().getCodingFirstRep().getCode()).isEqualTo("compact-privilege");
		assertThat(oregon.getCode().getText()).isEqualTo("PT Compact privilege, OR");
		assertThat(oregon.getIdentifierFirstRep().getSystem()).isEqualTo("https://stride.health/fhir/sid/license-number/OR");
		assertThat(oregon.getIdentifierFirstRep().getValue()).isEqualTo("PTC-OR-88");
		assertThat(oregon.getPeriod().getEndElement().getValueAsString()).isEqualTo("2027-01-31");

		var washington = alex.getQualification().get(1);
		assertThat(washington.getCode().getCodingFirstRep().getCode()).isEqualTo("license");
		assertThat(washington.getCode().getCodingFirstRep().getDisplay()).isEqualTo("State license");
		assertThat(washington.getIdentifierFirstRep().getValue()).isEqualTo("PT60123456");
		assertThat(washington.getPeriod().getEndElement().getValueAsString()).isEqualTo("2027-06-30");
		assertThat(washington.getIssuer().getDisplay()).isEqualTo("Physical therapy licensing board of WA");

		LocaleContextHolder.setLocale(Locale.forLanguageTag("es"));
		var spanish = practitioner(world.leoHimself(), world.alex()).orElseThrow();
		assertThat(spanish.getQualification().get(1).getIssuer().getDisplay())
				.isEqualTo("Junta de licencias de fisioterapia de WA");
		valid(spanish);
	}

	@Test
	void mapsEachClinicianRoleAtTheClinic() {

		var therapist = valid(role(world.integration(), world.alex()).orElseThrow());
		assertThat(therapist.getActive()).isTrue();
		assertThat(therapist.getPractitioner().getReference()).isEqualTo("Practitioner/" + world.alex().id());
		assertThat(therapist.getOrganization().getReference()).isEqualTo("Organization/" + world.clinic().value());
		assertThat(therapist.getCodeFirstRep().getCoding()).extracting(Coding::getSystem, Coding::getCode).containsExactly(
				tuple("https://stride.health/fhir/CodeSystem/clinician-role", "therapist"),
				tuple("http://nucc.org/provider-taxonomy", "225100000X"));

		var coach = valid(role(world.coachSam(), world.rio()).orElseThrow());
		assertThat(coach.getCodeFirstRep().getCoding()).extracting(Coding::getCode).containsExactly("coach");
		assertThat(coach.getCodeFirstRep().getText()).isEqualTo("Health coach");
	}

	@Test
	void aPatientReadsOnlyTheirCareTeamsClinicians() {

		assertThat(practitioner(world.leoHimself(), world.alex())).isPresent();
		assertThat(role(world.leoHimself(), world.rio())).isPresent();
		assertThat(practitioner(world.leoHimself(), world.sam())).as("not on his care team").isEmpty();
		assertThat(role(world.leoHimself(), world.sam())).isEmpty();
		assertThat(practitioner(world.mayaHerself(), world.alex())).as("a patient without a care team").isEmpty();
		assertThat(practitioner(world.zoeElsewhere(), world.alex())).as("a patient of another clinic").isEmpty();
		assertThat(role(world.zoeElsewhere(), world.alex())).isEmpty();
		assertThat(practitioner(world.coachSam(), world.alex())).as("a clinician of the clinic").isPresent();

		assertThat(ids(practitioners(world.leoHimself(), Map.of(), 50, 0)))
				.containsExactlyInAnyOrder(world.alex().id().toString(), world.rio().id().toString());
		assertThat(ids(roles(world.leoHimself(), Map.of()))).hasSize(2);
		assertThat(practitioners(world.mayaHerself(), Map.of(), 50, 0).matches()).isEmpty();
		assertThat(practitioners(world.zoeElsewhere(), Map.of(), 50, 0).matches()).isEmpty();
	}

	@Test
	void searchesByNameAndIdentifierAPageAtATime() {

		var admin = world.administrator();
		assertThat(ids(practitioners(admin, Map.of("name", "riv"), 50, 0))).containsExactly(world.alex().id().toString());
		assertThat(ids(practitioners(admin, Map.of("name", "LEE"), 50, 0))).containsExactly(world.sam().id().toString());
		assertThat(ids(practitioners(admin, Map.of("identifier",
				"https://stride.health/fhir/sid/clinician-id|" + world.rio().id()), 50, 0)))
				.containsExactly(world.rio().id().toString());
		assertThat(practitioners(admin, Map.of("identifier", "urn:other|" + world.rio().id()), 50, 0).matches()).isEmpty();
		assertThat(practitioners(world.leoHimself(), Map.of("name", "lee"), 50, 0).matches()).isEmpty();

		var first = practitioners(world.integration(), Map.of(), 2, 0);
		var rest = practitioners(world.integration(), Map.of(), 2, 2);
		assertThat(ids(first)).containsExactly(world.alex().id().toString(), world.rio().id().toString());
		assertThat(first.more()).isTrue();
		assertThat(ids(rest)).containsExactly(world.sam().id().toString());
		assertThat(rest.more()).isFalse();

		assertThat(ids(roles(admin, Map.of("practitioner", "Practitioner/" + world.sam().id()))))
				.containsExactly(world.sam().id().toString());
		assertThat(ids(roles(admin, Map.of("organization", "Organization/" + world.clinic().value())))).hasSize(3);
		assertThat(roles(admin, Map.of("organization", "Organization/" + world.otherClinic().value())).matches()).isEmpty();
	}

	private Optional<Practitioner> practitioner(Requester requester, ClinicianId clinician) {
		return world.as(requester, () -> practitioners.read(clinician.id().toString(), requester));
	}

	private Optional<PractitionerRole> role(Requester requester, ClinicianId clinician) {
		return world.as(requester, () -> roles.read(clinician.id().toString(), requester));
	}

	private SearchResult practitioners(Requester requester, Map<String, String> parameters, int count, int offset) {
		return world.as(requester,
				() -> practitioners.search(new SearchRequest(parameters, count, offset, null, Set.of()), requester));
	}

	private SearchResult roles(Requester requester, Map<String, String> parameters) {
		return world.as(requester, () -> roles.search(new SearchRequest(parameters, 50, 0, null, Set.of()), requester));
	}

	private static List<String> ids(SearchResult result) {
		return result.matches().stream().map(Resource::getIdElement).map(it -> it.getIdPart()).toList();
	}
}
