package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.ClinicianManagement;
import health.stride.patients.CareTeams;
import health.stride.patients.Consents;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlag;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.programs.Outcomes;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;

/**
 * The intake and the PSFS as Stride publishes them, and each patient's answers as QuestionnaireResponses that
 * validate against them: found by patient, questionnaire and date, read only by the patient, their care team
 * and the clinic's integration.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class QuestionnaireResourceTests {

	private final QuestionnaireResources questionnaires;
	private final QuestionnaireResponseResources responses;
	private final CareFixtures fixtures;
	private final Outcomes outcomes;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private CareFixtures.Clinic clinic;
	private PatientId maya;

	QuestionnaireResourceTests(QuestionnaireResources questionnaires, QuestionnaireResponseResources responses,
			ClinicRegistry clinics, ClinicianManagement clinicians, PatientDirectory patients, Consents consents,
			Intakes intakes, CareTeams careTeams, ProgramTemplates templates, Plans plans, Outcomes outcomes,
			JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.questionnaires = questionnaires;
		this.responses = responses;
		this.outcomes = outcomes;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.fixtures = new CareFixtures(clinics, clinicians, patients, consents, intakes, careTeams, templates, plans);
	}

	@BeforeEach
	void mayaAfterHerIntake() {
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		clinic = fixtures.clinic();
		maya = fixtures.patient(clinic, "maya", RedFlag.NIGHT_PAIN);
	}

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void strideQuestionnairesAreValidAndReadByAnyoneOfTheClinic() {

		for (var id : List.of("intake", "psfs")) {
			var read = clinic.as(() -> questionnaires.read(id, clinic.administrator())).orElseThrow();
			assertThat(FhirValidation.errors(read)).as(id).isEmpty();
			CarePlanResourceTests.report("Questionnaire", read);
			assertThat(read.getUrl()).isEqualTo("https://stride.health/fhir/Questionnaire/" + id);
			assertThat(read.getVersion()).isEqualTo("1");
			assertThat(read.getStatus().toCode()).isEqualTo("active");
		}
		var intake = clinic.as(() -> questionnaires.read("intake", clinic.patient(maya, "patient.maya"))).orElseThrow();
		assertThat(intake.getItem()).extracting(Questionnaire.QuestionnaireItemComponent::getLinkId).containsExactly(
				"pain-regions", "pain-now", "pain-duration", "worse-with", "diagnoses", "goals", "psfs", "red-flags");
		assertThat(intake.getItem().get(6).getItemFirstRep().getItem())
				.extracting(Questionnaire.QuestionnaireItemComponent::getLinkId)
				.containsExactly("psfs-activity-name", "psfs-score");
		assertThat(clinic.as(() -> questionnaires.read("phq9", clinic.integration()))).isEmpty();

		var byUrl = clinic.as(() -> questionnaires.search(new SearchRequest(
				Map.of("url", "https://stride.health/fhir/Questionnaire/psfs"), 10, 0, null, Set.of()), clinic.integration()));
		assertThat(ids(byUrl.matches())).containsExactly("psfs");
		assertThat(clinic.as(() -> questionnaires.search(new SearchRequest(Map.of(), 10, 0, null, Set.of()),
				clinic.coach())).matches()).hasSize(2);

		LocaleContextHolder.setLocale(Locale.forLanguageTag("es"));
		var spanish = clinic.as(() -> questionnaires.read("psfs", clinic.coach())).orElseThrow();
		assertThat(spanish.getTitle()).isEqualTo("Escala Funcional Específica del Paciente");
		assertThat(FhirValidation.errors(spanish)).isEmpty();
	}

	@Test
	void theIntakeReadsAsAResponseValidAgainstTheIntakeQuestionnaire() {

		var id = "intake-" + maya.id() + "-1";
		var intake = clinic.as(() -> responses.read(id, clinic.therapist())).orElseThrow();

		assertThat(FhirValidation.errors(intake)).isEmpty();
		assertThat(QuestionnaireValidation.errors(intake, published())).isEmpty();
		CarePlanResourceTests.report("QuestionnaireResponse(intake)", intake);
		var warnings = QuestionnaireValidation.warnings(intake, published());
		assertThat(warnings).as("validated against the questionnaire itself").noneMatch(it -> it.contains("could not be resolved"));
		warnings.forEach(it -> System.out.println("FHIR-WARNING QuestionnaireResponse(intake, with Questionnaire) " + it));
		var broken = intake.copy();
		item(broken, "pain-now").getAnswerFirstRep().setValue(new org.hl7.fhir.r4.model.IntegerType(11));
		assertThat(QuestionnaireValidation.errors(broken, published())).as("a pain above 10").isNotEmpty();
		assertThat(FhirValidation.errors(broken)).as("the base profile knows no range").isEmpty();
		assertThat(intake.getIdElement().getIdPart()).isEqualTo(id);
		assertThat(intake.getQuestionnaire()).isEqualTo("https://stride.health/fhir/Questionnaire/intake|1");
		assertThat(intake.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
		assertThat(intake.getSubject().getReference()).isEqualTo("Patient/" + maya.id());
		assertThat(intake.getAuthored()).isCloseTo(java.util.Date.from(Instant.now()), 60_000);

		assertThat(answers(intake, "pain-regions")).extracting(it -> ((Coding) it.getValue()).getCode())
				.containsExactly("low-back", "left-leg");
		assertThat(answers(intake, "pain-now")).singleElement()
				.satisfies(it -> assertThat(it.getValueIntegerType().getValue()).isEqualTo(6));
		assertThat(answers(intake, "pain-duration")).singleElement()
				.satisfies(it -> assertThat(it.getValueCoding().getCode()).isEqualTo("SUBACUTE"));
		assertThat(answers(intake, "worse-with")).extracting(it -> it.getValueCoding().getDisplay())
				.containsExactly("Bending forward", "Sitting");
		assertThat(answers(intake, "goals")).singleElement()
				.satisfies(it -> assertThat(it.getValueStringType().getValue()).isEqualTo("Pick up my daughter again"));
		var activities = item(intake, "psfs").getItem();
		assertThat(activities).hasSize(2);
		assertThat(activities.get(1).getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
				.containsExactly("psfs-activity-name", "psfs-score");
		assertThat(activities.get(1).getItem().get(0).getAnswerFirstRep().getValueStringType().getValue())
				.isEqualTo("Sitting through a workday");
		assertThat(activities.get(1).getItem().get(1).getAnswerFirstRep().getValueIntegerType().getValue()).isEqualTo(4);
		var flags = item(intake, "red-flags").getItem();
		assertThat(flags).hasSize(RedFlag.values().length);
		assertThat(flags).filteredOn(it -> it.getAnswerFirstRep().getValueBooleanType().booleanValue())
				.extracting(QuestionnaireResponseItemComponent::getLinkId).containsExactly("red-flag-nightPain");

		assertThat(clinic.as(() -> responses.read("intake-" + maya.id() + "-2", clinic.therapist()))).isEmpty();
		assertThat(clinic.as(() -> responses.read("intake-" + maya.id(), clinic.therapist()))).isEmpty();
	}

	@Test
	void aPsfsRatingReadsAsAResponseAndSearchesFindTheAnswersByPatientQuestionnaireAndDate() {

		clinic.as(() -> outcomes.ratePsfs(maya, List.of(5, 7)));
		var leo = fixtures.patient(clinic, "leo");
		var monthAgo = rating(leo, Instant.now().minus(Duration.ofDays(30)));

		var mine = search(Map.of("subject", "Patient/" + maya.id(), "questionnaire", "psfs"), clinic.coach());
		assertThat(mine).singleElement().isInstanceOfSatisfying(QuestionnaireResponse.class, rating -> {
			assertThat(rating.getIdElement().getIdPart()).startsWith("psfs-").hasSize(41);
			assertThat(rating.getQuestionnaire()).isEqualTo("https://stride.health/fhir/Questionnaire/psfs|1");
			assertThat(FhirValidation.errors(rating)).isEmpty();
			assertThat(QuestionnaireValidation.errors(rating, published())).isEmpty();
			CarePlanResourceTests.report("QuestionnaireResponse(psfs)", rating);
			assertThat(rating.getItem()).hasSize(2);
			assertThat(rating.getItem().get(1).getItem().get(1).getAnswerFirstRep().getValueIntegerType().getValue())
					.isEqualTo(7);
			assertThat(clinic.as(() -> responses.read(rating.getIdElement().getIdPart(), clinic.patient(maya,
					"patient.maya")))).isPresent();
		});

		var integration = clinic.integration();
		assertThat(search(Map.of("patient", maya.id().toString()), integration)).hasSize(2);
		assertThat(ids(search(Map.of(), integration))).hasSize(4).last().isEqualTo("psfs-" + monthAgo);
		assertThat(ids(search(Map.of("questionnaire", "https://stride.health/fhir/Questionnaire/intake|1"), integration)))
				.containsExactlyInAnyOrder("intake-" + maya.id() + "-1", "intake-" + leo.id() + "-1");
		assertThat(search(Map.of("questionnaire", "Questionnaire/phq9"), integration)).isEmpty();
		assertThat(ids(search(Map.of("authored", "lt" + java.time.LocalDate.now().minusDays(7)), integration)))
				.containsExactly("psfs-" + monthAgo);
		assertThat(search(Map.of("authored", "ge" + java.time.LocalDate.now().minusDays(7), "questionnaire", "psfs"),
				integration)).hasSize(1);

		var first = clinic.as(() -> responses.search(new SearchRequest(Map.of(), 3, 0, null, Set.of()), integration));
		assertThat(first.matches()).hasSize(3);
		assertThat(first.more()).isTrue();
		var second = clinic.as(() -> responses.search(new SearchRequest(Map.of(), 3, 3, null, Set.of()), integration));
		assertThat(ids(second.matches())).containsExactly("psfs-" + monthAgo);
		assertThat(second.more()).isFalse();
		assertThat(second.total()).isEqualTo(4);

		assertThat(clinic.as(() -> responses.everything(maya, clinic.therapist())))
				.extracting(it -> ((QuestionnaireResponse) it).getQuestionnaire())
				.containsExactlyInAnyOrder("https://stride.health/fhir/Questionnaire/intake|1",
						"https://stride.health/fhir/Questionnaire/psfs|1");
	}

	@Test
	void onlyThePatientTheirCareTeamAndTheIntegrationReadTheAnswers() {

		var leo = fixtures.patient(clinic, "leo");
		var id = "intake-" + maya.id() + "-1";

		assertThat(clinic.as(() -> responses.read(id, clinic.patient(maya, "patient.maya")))).isPresent();
		assertThat(clinic.as(() -> responses.read(id, clinic.coach()))).isPresent();
		assertThat(clinic.as(() -> responses.read(id, clinic.integration()))).isPresent();

		for (var stranger : List.of(clinic.patient(leo, "patient.leo"), clinic.administrator(), clinic.otherTherapist(),
				clinic.otherCoach())) {
			assertThat(clinic.as(() -> responses.read(id, stranger))).as("%s", stranger).isEmpty();
			assertThat(search(Map.of("subject", "Patient/" + maya.id()), stranger)).isEmpty();
			assertThat(search(Map.of(), stranger)).allSatisfy(it -> assertThat(((QuestionnaireResponse) it).getSubject()
					.getReference()).isNotEqualTo("Patient/" + maya.id()));
		}
		assertThat(search(Map.of(), clinic.administrator())).isEmpty();

		var other = fixtures.clinic();
		assertThat(other.as(() -> responses.read(id, other.integration()))).isEmpty();
		assertThat(other.as(() -> responses.search(new SearchRequest(Map.of(), 10, 0, null, Set.of()),
				other.integration())).matches()).isEmpty();
	}

	private List<Questionnaire> published() {
		return clinic.as(() -> List.of(questionnaires.read("intake", clinic.integration()).orElseThrow(),
				questionnaires.read("psfs", clinic.integration()).orElseThrow()));
	}

	private List<? extends Resource> search(Map<String, String> parameters, Requester requester) {
		return clinic.as(() -> responses.search(new SearchRequest(parameters, 10, 0, null, Set.of()), requester)).matches();
	}

	private java.util.UUID rating(PatientId patient, Instant at) {
		var id = java.util.UUID.randomUUID();
		CurrentTenant.runAs(clinic.id(), () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into programs.psfs_assessment (patient_id, id, assessed_at, items, mean)
				values (?, ?, ?, ?::jsonb, 3.5)""")
				.params(patient.id(), id, java.sql.Timestamp.from(at), """
						[{"activity": "Picking up my daughter", "score": 3}, {"activity": "Sitting through a workday", "score": 4}]""")
				.update()));
		return id;
	}

	private static QuestionnaireResponseItemComponent item(QuestionnaireResponse response, String linkId) {
		return response.getItem().stream().filter(it -> it.getLinkId().equals(linkId)).findFirst().orElseThrow();
	}

	private static List<QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent> answers(
			QuestionnaireResponse response, String linkId) {
		return item(response, linkId).getAnswer();
	}

	private static List<String> ids(List<? extends Resource> resources) {
		return resources.stream().map(it -> it.getIdElement().getIdPart()).toList();
	}
}
