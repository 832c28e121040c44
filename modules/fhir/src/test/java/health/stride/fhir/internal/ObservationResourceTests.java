package health.stride.fhir.internal;

import static health.stride.fhir.internal.ObservationFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.web.util.UriComponentsBuilder;

import health.stride.patients.CareTeams;
import health.stride.patients.Consents;
import health.stride.patients.Instrument;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.Screenings;
import health.stride.patients.TimeWindow;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Outcomes;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.PsfsRatings;
import health.stride.programs.Sessions;
import health.stride.programs.Walks;

/**
 * Observations: each kind valid against R4 with its codes, units and values; search by code, category and
 * date, in either order, paged with next links to the end with nothing repeated or missing; and nobody but
 * the patient, their care team and the clinic's integration reads them.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ObservationResourceTests {

	private static final String STRIDE = ObservationCodes.CODE_SYSTEM_URL;
	private static final String LOINC = "http://loinc.org";

	private final ObservationResources observations;
	private final CodeSystemResources codeSystems;
	private final Walks walks;
	private final Outcomes outcomes;
	private final PsfsRatings ratings;
	private final Screenings screenings;
	private final AuditTrail audit;
	private final ObservationFixtures fixtures;

	private TenantId clinic;
	private PatientId maya;
	private Requester asMaya;

	ObservationResourceTests(ObservationResources observations, CodeSystemResources codeSystems, Walks walks,
			Outcomes outcomes, PsfsRatings ratings, Screenings screenings, AuditTrail audit, ClinicRegistry clinics,
			ProgramTemplates templates, PatientDirectory patients, Consents consents, Intakes intakes,
			CareTeams careTeams, Plans plans, Sessions sessions) {
		this.observations = observations;
		this.codeSystems = codeSystems;
		this.walks = walks;
		this.outcomes = outcomes;
		this.ratings = ratings;
		this.screenings = screenings;
		this.audit = audit;
		this.fixtures = new ObservationFixtures(clinics, templates, patients, consents, intakes, careTeams, plans, sessions);
	}

	@BeforeEach
	void mayaOnHerPlan() {
		clinic = fixtures.clinic();
		maya = fixtures.patientOnPlan(clinic, "maya." + UUID.randomUUID());
		asMaya = patient(clinic, maya, "maya");
	}

	@Test
	void everyKindIsValidR4WithItsCodesUnitsAndValues() {

		var session = fixtures.session(clinic, maya, ago(Duration.ofHours(2)), 5, 3, 20);
		var walk = in(clinic, () -> walks.log(maya, "walk-" + UUID.randomUUID(), 25, "FLAT", 4, 2, "CENTRALIZING"));
		in(clinic, () -> outcomes.ratePsfs(maya, List.of(6, 7)));
		var rating = in(clinic, () -> ratings.inOrder(TimeWindow.everythingOf(maya))).getFirst();
		var phq2 = in(clinic, () -> screenings.answer(maya, Instrument.PHQ2, List.of(2, 1), ago(Duration.ofDays(3))));
		var phq9 = in(clinic, () -> screenings.answer(maya, Instrument.PHQ9, List.of(1, 1, 1, 1, 0, 0, 0, 0, 0),
				ago(Duration.ofDays(3))));
		var gad7 = in(clinic, () -> screenings.answer(maya, Instrument.GAD7, List.of(2, 1, 1, 0, 0, 0, 0),
				ago(Duration.ofDays(3))));

		var before = read("pain-before-" + session.session());
		assertThat(codings(before)).containsExactly(LOINC + "|72514-3", STRIDE + "|pain-before");
		assertThat(category(before)).isEqualTo("survey");
		assertScore(before, 5);
		assertThat(before.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(session.performedAt());
		assertThat(before.getSubject().getReference()).isEqualTo("Patient/" + maya.id());
		assertThat(before.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);

		var after = read("pain-after-" + session.session());
		assertThat(codings(after)).containsExactly(LOINC + "|72514-3", STRIDE + "|pain-after");
		assertScore(after, 3);

		var walkedInSession = read("session-walk-" + session.session());
		assertThat(codings(walkedInSession)).containsExactly(STRIDE + "|walking-minutes");
		assertThat(category(walkedInSession)).isEqualTo("activity");
		assertMinutes(walkedInSession, 20);

		var walked = read("walk-" + walk.id());
		assertThat(codings(walked)).containsExactly(STRIDE + "|walking-minutes");
		assertMinutes(walked, 25);
		assertThat(walked.getComponent()).hasSize(2);
		assertThat(walked.getComponent()).extracting(it -> it.getValueQuantity().getValue().intValue()).containsExactly(4, 2);
		assertThat(walked.getComponent().get(0).getCode().getCoding()).extracting(Coding::getCode)
				.containsExactly("72514-3", "pain-before");

		var rated = read("psfs-" + rating.id() + "-2");
		assertThat(codings(rated)).containsExactly(STRIDE + "|psfs-item");
		assertThat(rated.getCode().getText()).isEqualTo("Sitting at work");
		assertScore(rated, 7);
		var atIntake = read("psfs-intake-" + maya.id() + "-1-1");
		assertThat(atIntake.getCode().getText()).isEqualTo("Picking up my daughter");
		assertScore(atIntake, 3);

		var phq2Total = read("phq-" + phq2.id());
		assertThat(codings(phq2Total)).containsExactly(LOINC + "|55758-7");
		assertScore(phq2Total, 3);
		var phq9Total = read("phq-" + phq9.id());
		assertThat(codings(phq9Total)).containsExactly(LOINC + "|44261-6");
		assertScore(phq9Total, 4);
		var gad7Total = read("gad-" + gad7.id());
		assertThat(codings(gad7Total)).containsExactly(LOINC + "|70274-6");
		assertScore(gad7Total, 4);

		for (var observation : List.of(before, after, walkedInSession, walked, rated, atIntake, phq2Total, phq9Total,
				gad7Total)) {
			assertThat(FhirValidation.errors(observation)).as(observation.getId()).isEmpty();
			assertThat(observation.getIdElement().getIdPart()).hasSizeLessThanOrEqualTo(64);
			FhirValidation.warnings(observation).forEach(it -> System.out.println("FHIR validator warning, Observation "
					+ observation.getIdElement().getIdPart().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>") + ": " + it));
		}

		// ids of no observation: another part, another kind's record, a number out of range, no uuid
		for (var nothing : List.of("psfs-intake-" + maya.id() + "-1-3", "psfs-intake-" + maya.id() + "-2-1",
				"psfs-" + rating.id() + "-0", "pain-before-" + walk.id(), "walk-" + session.session(), "gad-" + phq2.id(),
				"phq-" + gad7.id(), "pain-before-" + UUID.randomUUID(), "pain-before-x", "psfs-intake-x-1-1",
				maya.id().toString())) {
			assertThat(in(clinic, () -> observations.read(nothing, asMaya))).as(nothing).isEmpty();
		}
	}

	@Test
	void strideCodeSystemHoldsEveryCodeItsObservationsUseAndIsValid() {

		var anyone = clinician(clinic, "admin.ana", Role.CLINIC_ADMIN);
		var system = codeSystems.read("stride-observation", anyone).orElseThrow();

		assertThat(FhirValidation.errors(system)).isEmpty();
		FhirValidation.warnings(system).forEach(it -> System.out.println("FHIR validator warning, CodeSystem: " + it));
		assertThat(system.getUrl()).isEqualTo(STRIDE);
		assertThat(system.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
				.containsExactlyInAnyOrder("pain-before", "pain-after", "walking-minutes", "psfs-item");
		assertThat(system.getConcept()).allSatisfy(it -> assertThat(it.getDisplay()).isNotBlank());
		assertThat(codeSystems.read("other", anyone)).isEmpty();
		assertThat(codeSystems.search(search(Map.of("url", STRIDE)), anyone).matches()).hasSize(1);
		assertThat(codeSystems.search(search(Map.of("url", "http://loinc.org")), anyone).matches()).isEmpty();

		for (var kind : ObservationResources.Kind.values()) {
			for (var code : kind.codes()) {
				if (code.system().equals(STRIDE)) {
					assertThat(system.getConcept()).as(kind + " uses a code of the system")
							.anySatisfy(it -> assertThat(it.getCode()).isEqualTo(code.code()));
				}
			}
		}
	}

	@Test
	void searchesByCodeCategoryAndDate() {

		var old = fixtures.session(clinic, maya, ago(Duration.ofDays(10)), 6, 5, null);
		var recent = fixtures.session(clinic, maya, ago(Duration.ofDays(1)), 4, 3, 15);
		var walk = in(clinic, () -> walks.log(maya, "walk-" + UUID.randomUUID(), 30, "TREADMILL", 3, 3, "NONE"));
		var phq9 = in(clinic, () -> screenings.answer(maya, Instrument.PHQ9, List.of(0, 0, 0, 0, 0, 0, 0, 0, 0),
				ago(Duration.ofDays(5))));
		var gad7 = in(clinic, () -> screenings.answer(maya, Instrument.GAD7, List.of(0, 0, 0, 0, 0, 0, 1),
				ago(Duration.ofDays(6))));
		var subject = "Patient/" + maya.id();

		assertThat(ids(Map.of("subject", subject, "code", LOINC + "|72514-3"))).containsExactly(
				"pain-before-" + recent.session(), "pain-after-" + recent.session(), "pain-before-" + old.session(),
				"pain-after-" + old.session());
		assertThat(ids(Map.of("patient", maya.id().toString(), "code", "72514-3")))
				.as("patient is subject's alias, a code without system in any system")
				.isEqualTo(ids(Map.of("subject", subject, "code", LOINC + "|72514-3")));
		assertThat(ids(Map.of("subject", subject, "code", STRIDE + "|pain-after")))
				.containsExactly("pain-after-" + recent.session(), "pain-after-" + old.session());
		assertThat(ids(Map.of("subject", subject, "code", LOINC + "|44261-6," + LOINC + "|70274-6")))
				.containsExactly("phq-" + phq9.id(), "gad-" + gad7.id());
		assertThat(ids(Map.of("subject", subject, "code", STRIDE + "|walking-minutes")))
				.containsExactly("walk-" + walk.id(), "session-walk-" + recent.session());
		assertThat(ids(Map.of("subject", subject, "category", "activity")))
				.isEqualTo(ids(Map.of("subject", subject, "code", STRIDE + "|walking-minutes")));
		assertThat(ids(Map.of("subject", subject, "code", STRIDE + "|")))
				.as("any code of Stride's system: pain, walking and the two activities rated at intake").hasSize(8);
		assertThat(ids(Map.of("subject", subject, "category",
				"http://terminology.hl7.org/CodeSystem/observation-category|survey"))).hasSize(8);
		assertThat(ids(Map.of("subject", subject, "code", "|72514-3"))).as("a code without a system").isEmpty();
		assertThat(ids(Map.of("subject", subject, "code", LOINC + "|44261-6", "category", "activity"))).isEmpty();

		var fourDaysAgo = ago(Duration.ofDays(4)).toString();
		assertThat(ids(Map.of("subject", subject, "date", "lt" + fourDaysAgo)))
				.containsExactly("phq-" + phq9.id(), "gad-" + gad7.id(), "pain-before-" + old.session(),
						"pain-after-" + old.session());
		assertThat(ids(Map.of("subject", subject, "date", "ge" + fourDaysAgo, "code", "72514-3")))
				.containsExactly("pain-before-" + recent.session(), "pain-after-" + recent.session());
		assertThat(ids(Map.of("subject", subject, "date", "eq" + old.performedAt()))).as("to the millisecond")
				.containsExactly("pain-before-" + old.session(), "pain-after-" + old.session());
		var day = old.performedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate();
		assertThat(ids(Map.of("subject", subject, "date", day.toString(), "code", "72514-3"))).as("a day in UTC")
				.containsExactly("pain-before-" + old.session(), "pain-after-" + old.session());

		assertThat(ids(Map.of("subject", subject, "patient", UUID.randomUUID().toString()))).as("two patients").isEmpty();
		assertThat(ids(Map.of("subject", "Group/" + maya.id()))).as("not a patient").isEmpty();
		assertThat(ids(Map.of("subject", "Patient/not-an-id"))).isEmpty();
	}

	@Test
	void pagesWithNextLinksToTheEndInEitherOrderWithNothingRepeatedOrMissing() {

		// sessions two at a time at one moment, a questionnaire at the moment of one of them, walks now
		var sessions = new ArrayList<Sessions.Measures>();
		var now = ago(Duration.ZERO);
		for (int i = 0; i < 24; i++) {
			var at = now.minus(Duration.ofHours(3L * (i / 2) + 1));
			sessions.add(fixtures.session(clinic, maya, at, 4, 3, i % 3 == 0 ? 10 : null));
		}
		in(clinic, () -> screenings.answer(maya, Instrument.GAD7, List.of(1, 1, 1, 1, 1, 1, 1), sessions.get(4).performedAt()));
		for (int i = 0; i < 3; i++) {
			in(clinic, () -> walks.log(maya, "walk-" + UUID.randomUUID(), 12, "FLAT", 2, 2, "NONE"));
		}
		in(clinic, () -> outcomes.ratePsfs(maya, List.of(5, 6)));

		var everything = in(clinic, () -> observations.everything(maya, asMaya)).stream()
				.map(it -> it.getIdElement().getIdPart()).toList();
		assertThat(everything).as("2 pains a session, 8 walks in sessions, 3 walks, a questionnaire, 2 + 2 activities")
				.hasSize(48 + 8 + 3 + 1 + 4).doesNotHaveDuplicates();

		var newestFirst = pageThrough("-date", 5);
		assertThat(newestFirst).containsExactlyElementsOf(everything);
		assertThat(pageThrough(null, 7)).as("newest first unless asked otherwise").containsExactlyElementsOf(everything);
		assertThat(times(newestFirst)).isSortedAccordingTo(java.util.Comparator.reverseOrder());

		var oldestFirst = pageThrough("date", 6);
		assertThat(oldestFirst).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(everything);
		assertThat(times(oldestFirst)).isSorted();
		// the oldest two sessions share their moment: each record's parts together, the records in id order
		var pair = List.of(sessions.get(22), sessions.get(23)).stream()
				.sorted(java.util.Comparator.comparing(it -> it.session().toString())).toList();
		assertThat(oldestFirst.subList(0, 4)).containsExactly("pain-before-" + pair.get(0).session(),
				"pain-after-" + pair.get(0).session(), "pain-before-" + pair.get(1).session(),
				"pain-after-" + pair.get(1).session());

		var result = in(clinic, () -> observations.search(search(Map.of("subject", "Patient/" + maya.id()), 200, 0, "-date"),
				asMaya));
		assertThat(result.more()).isFalse();
		assertThat(result.matches()).hasSize(everything.size());
		assertThat(in(clinic, () -> observations.search(search(Map.of(), 5, everything.size(), "-date"), asMaya))
				.matches()).as("past the end").isEmpty();
	}

	@Test
	void nobodyButThePatientTheirCareTeamAndTheClinicsIntegrationReadsThem() {

		var session = fixtures.session(clinic, maya, ago(Duration.ofHours(1)), 5, 4, null);
		var leo = fixtures.patientOnPlan(clinic, "leo." + UUID.randomUUID());
		var leosSession = fixtures.session(clinic, leo, ago(Duration.ofHours(2)), 2, 2, null);
		var id = "pain-before-" + session.session();
		var aboutMaya = Map.of("subject", "Patient/" + maya.id());

		var asLeo = patient(clinic, leo, "leo");
		var administrator = clinician(clinic, "admin.ana", Role.CLINIC_ADMIN);
		var otherCoach = clinician(clinic, "coach.other", Role.COACH);
		for (var stranger : List.of(asLeo, administrator, otherCoach)) {
			assertThat(in(clinic, () -> observations.read(id, stranger))).as(stranger.toString()).isEmpty();
			assertThat(in(clinic, () -> observations.search(search(aboutMaya), stranger)).matches()).isEmpty();
		}
		assertThat(ids(Map.of(), asLeo)).as("a patient's search reaches their own only")
				.containsExactly("psfs-intake-" + leo.id() + "-1-1", "psfs-intake-" + leo.id() + "-1-2",
						"pain-before-" + leosSession.session(), "pain-after-" + leosSession.session());
		assertThat(ids(Map.of(), administrator)).as("an administrator reads no one's care").isEmpty();
		assertThat(ids(Map.of(), otherCoach)).isEmpty();

		for (var reader : List.of(asMaya, clinician(clinic, THERAPIST, Role.THERAPIST), clinician(clinic, COACH, Role.COACH),
				system(clinic))) {
			assertThat(in(clinic, () -> observations.read(id, reader))).as(reader.toString()).isPresent();
			assertThat(ids(aboutMaya, reader)).as(reader.toString()).contains(id);
		}
		assertThat(ids(Map.of("code", "72514-3"), system(clinic))).as("the integration reads the whole clinic")
				.contains(id, "pain-before-" + leosSession.session());
		assertThat(ids(Map.of("code", "72514-3"), clinician(clinic, THERAPIST, Role.THERAPIST)))
				.as("the therapist's care teams").contains(id, "pain-before-" + leosSession.session());

		var elsewhere = fixtures.clinic();
		var theirIntegration = system(elsewhere);
		var theirTherapist = clinician(elsewhere, THERAPIST, Role.THERAPIST);
		for (var outsider : List.of(theirIntegration, theirTherapist)) {
			assertThat(in(elsewhere, () -> observations.read(id, outsider))).isEmpty();
			assertThat(in(elsewhere, () -> observations.search(search(aboutMaya), outsider)).matches()).isEmpty();
			assertThat(in(elsewhere, () -> observations.search(search(Map.of()), outsider)).matches()).isEmpty();
		}

		assertThat(in(clinic, () -> audit.aboutPatient(maya.id(), 100))).as("the refusals are in the trail")
				.filteredOn(it -> it.action() == AuditAction.ACCESS_DENIED && "fhir/Observation".equals(it.resource()))
				.hasSizeGreaterThanOrEqualTo(6);
		assertThat(in(clinic, () -> audit.aboutPatient(maya.id(), 100))).as("and the reads")
				.anySatisfy(it -> {
					assertThat(it.action()).isEqualTo(AuditAction.READ);
					assertThat(it.resource()).isEqualTo("fhir/Observation");
					assertThat(it.actorUsername()).isEqualTo(COACH);
				});
	}

	/** Every page of Maya's observations, following the next links from the first, as a client would. */
	private List<String> pageThrough(@Nullable String sort, int count) {
		var ids = new ArrayList<String>();
		var url = "http://localhost/fhir/Observation?subject=Patient/" + maya.id() + "&_count=" + count
				+ (sort == null ? "" : "&_sort=" + sort);
		for (int pages = 0; url != null; pages++) {
			assertThat(pages).as("no endless paging").isLessThan(100);
			var query = UriComponentsBuilder.fromUriString(url).build().getQueryParams();
			var parameters = new HashMap<String, String>();
			query.forEach((name, values) -> {
				if (!name.startsWith("_")) {
					parameters.put(name, values.getFirst());
				}
			});
			var search = search(parameters, Integer.parseInt(query.getFirst("_count")),
					query.containsKey("_offset") ? Integer.parseInt(query.getFirst("_offset")) : 0, query.getFirst("_sort"));
			var result = in(clinic, () -> observations.search(search, asMaya));
			assertThat(result.matches()).hasSizeLessThanOrEqualTo(count);
			var bundle = Bundles.searchSet("http://localhost/fhir", UriComponentsBuilder.fromUriString(url), search, result);
			bundle.getEntry().forEach(it -> ids.add(it.getResource().getIdElement().getIdPart()));
			url = bundle.getLink().stream().filter(it -> it.getRelation().equals("next")).map(Bundle.BundleLinkComponent::getUrl)
					.findFirst().orElse(null);
		}
		return ids;
	}

	private List<Instant> times(List<String> ids) {
		return ids.stream().map(this::read).map(it -> it.getEffectiveDateTimeType().getValue().toInstant()).toList();
	}

	private Observation read(String id) {
		return in(clinic, () -> observations.read(id, asMaya)).orElseThrow(() -> new AssertionError("no " + id));
	}

	private List<String> ids(Map<String, String> parameters) {
		return ids(parameters, asMaya);
	}

	private List<String> ids(Map<String, String> parameters, Requester requester) {
		var result = in(clinic, () -> observations.search(search(parameters, 200, 0, null), requester));
		assertThat(result.more()).isFalse();
		return result.matches().stream().map(it -> it.getIdElement().getIdPart()).toList();
	}

	private static SearchRequest search(Map<String, String> parameters) {
		return search(parameters, SearchRequest.DEFAULT_COUNT, 0, null);
	}

	private static SearchRequest search(Map<String, String> parameters, int count, int offset, @Nullable String sort) {
		return new SearchRequest(parameters, count, offset, sort, Set.of());
	}

	private static List<String> codings(Observation observation) {
		return observation.getCode().getCoding().stream().map(it -> it.getSystem() + "|" + it.getCode()).toList();
	}

	private static String category(Observation observation) {
		return observation.getCategoryFirstRep().getCodingFirstRep().getCode();
	}

	private static void assertScore(Observation observation, int value) {
		assertQuantity(observation.getValueQuantity(), value, "{score}");
	}

	private static void assertMinutes(Observation observation, int value) {
		assertQuantity(observation.getValueQuantity(), value, "min");
	}

	private static void assertQuantity(Quantity quantity, int value, String unit) {
		assertThat(quantity.getValue()).isEqualByComparingTo(BigDecimal.valueOf(value));
		assertThat(quantity.getSystem()).isEqualTo("http://unitsofmeasure.org");
		assertThat(quantity.getCode()).isEqualTo(unit);
	}
}
