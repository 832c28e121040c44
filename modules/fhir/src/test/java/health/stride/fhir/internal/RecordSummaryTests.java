package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

/**
 * The summary is read from the Bundle alone, so the types other parts of Stride add to {@code $everything}
 * show as soon as they are there: plans and their versions, sessions with the pain before and after,
 * outcomes, questionnaires, and any type it has no section for, a line per resource. What the record holds
 * is shown as text, never as markup.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import(MovableClock.Replacing.class)
@TestPropertySource(properties = "stride.visits.missed-interval=PT1H")
class RecordSummaryTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private final RecordSummaries summaries;

	RecordSummaryTests(RecordSummaries summaries) {
		this.summaries = summaries;
	}

	@Test
	void showsEveryTypeOfTheBundleTheOnesItKnowsInTheirSectionsAndAnyOtherALineEach() {

		var html = summaries.html(bundle(), Locale.ENGLISH, LOS_ANGELES, "North Physio",
				Instant.parse("2026-03-10T18:00:00Z"));

		assertThat(html).contains("Health record of Maya Okafor", "North Physio", "Born Apr 12, 1986.");
		// plan versions with their activities
		assertThat(html).contains("Back basics (version 1)", "Back basics (version 2)", "Pelvic tilt: 10 times",
				"Bridge: 8 times", "Phase 2");
		// a session with its pain before and after, in one line, and an outcome on its own
		assertThat(html).containsPattern("<td>Mar 3, 2026, 10:00.?AM</td><td>6</td><td>4</td>");
		assertThat(html).contains("Mood check-in (PHQ-9)", "<td>7</td>", "Walking minutes", "25 min",
				"Activity rating (PSFS, 0 to 10): Gardening");
		// a questionnaire's questions and answers
		assertThat(html).contains("Intake questionnaire", "Where is your pain?", "Lower back");
		// types without a section of their own, named in words or, unknown, by their FHIR name
		assertThat(html).contains("Clinicians", "Alex Morgan", "Coverage", "Acme Health", "Flags", "Fall risk");
		// messages as text
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
	}

	@Test
	void readsItInSpanishWithDatesAsSpanishReadersWriteThem() {

		var html = summaries.html(bundle(), Locale.of("es"), LOS_ANGELES, null, Instant.parse("2026-03-10T18:00:00Z"));

		assertThat(html).contains("<html lang=\"es\"", "Expediente de salud de Maya Okafor", "Planes de ejercicio",
				"Sesiones de ejercicio", "Dolor antes (0 a 10)", "Control del ánimo (PHQ-9)", "Profesionales", "Avisos",
				"mar 2026");
	}

	@Test
	void saysSoWhenTheRecordHoldsNothingYet() {

		var bundle = new Bundle();
		bundle.addEntry().setResource(patient());
		var html = summaries.html(bundle, Locale.ENGLISH, LOS_ANGELES, null, Instant.parse("2026-03-10T18:00:00Z"));
		assertThat(html).contains("No visits.", "No exercise plan.", "No sessions.", "No messages.")
				.doesNotContain("Other parts of your record");
	}

	private static Bundle bundle() {
		var bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		for (var resource : new Resource[] { patient(), plan(1, "Pelvic tilt", "10 times"), plan(2, "Bridge", "8 times"),
				pain("pain-before-", 6), pain("pain-after-", 4), phq(), walking(), psfsItem(), questionnaire(), practitioner(),
				coverage(), flag(), message() }) {
			bundle.addEntry().setFullUrl("https://stride.example/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
					.setResource(resource);
		}
		return bundle;
	}

	private static Patient patient() {
		var patient = new Patient();
		patient.setId("4b0e6c1e-0000-4000-8000-000000000001");
		patient.addName().setFamily("Okafor").addGiven("Maya");
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1986-04-12"));
		return patient;
	}

	private static CarePlan plan(int version, String exercise, String dose) {
		var plan = new CarePlan();
		plan.setId("plan-1");
		plan.getMeta().setVersionId(String.valueOf(version));
		plan.setTitle("Back basics");
		plan.setStatus(version == 2 ? CarePlan.CarePlanStatus.ACTIVE : CarePlan.CarePlanStatus.REVOKED);
		plan.setPeriod(new Period().setStartElement(new DateTimeType("2026-02-0" + version)));
		var detail = plan.addActivity().getDetail().setDescription(dose);
		detail.getCode().setText(exercise);
		plan.addActivity().getDetail().getCode().setText("Phase " + version);
		return plan;
	}

	private static Observation pain(String prefix, int value) {
		var observation = new Observation();
		observation.setId(prefix + "5e1d7e3a-0000-4000-8000-000000000002");
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.setCode(new CodeableConcept(new Coding(RecordSummaries.LOINC, RecordSummaries.PAIN_NRS, "Pain severity")));
		observation.setEffective(new DateTimeType(Date.from(Instant.parse("2026-03-03T18:00:00Z"))));
		observation.setValue(new Quantity().setValue(value).setUnit("{score}"));
		return observation;
	}

	private static Observation phq() {
		var observation = new Observation();
		observation.setId("phq-1");
		observation.setCode(new CodeableConcept(new Coding(RecordSummaries.LOINC, "44261-6", "PHQ-9 total")));
		observation.setEffective(new DateTimeType(Date.from(Instant.parse("2026-03-04T18:00:00Z"))));
		observation.setValue(new Quantity().setValue(7));
		return observation;
	}

	private static Observation walking() {
		var observation = new Observation();
		observation.setId("walk-1");
		observation.setCode(new CodeableConcept(new Coding(RecordSummaries.STRIDE_CODES + "stride-observation",
				"walking-minutes", null)));
		observation.setEffective(new DateTimeType(Date.from(Instant.parse("2026-03-05T18:00:00Z"))));
		observation.setValue(new Quantity().setValue(new BigDecimal("25.0")).setUnit("min"));
		return observation;
	}

	private static Observation psfsItem() {
		var observation = new Observation();
		observation.setId("psfs-1");
		observation.setCode(new CodeableConcept(new Coding(RecordSummaries.STRIDE_CODES + "stride-observation", "psfs-item",
				"Patient-Specific Functional Scale item score")).setText("Gardening"));
		observation.setEffective(new DateTimeType(Date.from(Instant.parse("2026-03-05T18:00:00Z"))));
		observation.setValue(new Quantity().setValue(4));
		return observation;
	}

	private static QuestionnaireResponse questionnaire() {
		var response = new QuestionnaireResponse();
		response.setId("intake-1");
		response.setQuestionnaire("https://stride.health/fhir/Questionnaire/intake|1");
		response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
		response.setAuthored(Date.from(Instant.parse("2026-02-01T18:00:00Z")));
		response.addItem().setLinkId("where").setText("Where is your pain?").addAnswer()
				.setValue(new Coding("https://stride.health/fhir/CodeSystem/pain-region", "lower-back", "Lower back"));
		return response;
	}

	private static Practitioner practitioner() {
		var practitioner = new Practitioner();
		practitioner.setId("6f0a3c2b-0000-4000-8000-000000000003");
		practitioner.addName().setText("Alex Morgan");
		return practitioner;
	}

	private static Coverage coverage() {
		var coverage = new Coverage();
		coverage.setId("coverage-1");
		coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
		coverage.addPayor(new Reference("Organization/acme").setDisplay("Acme Health"));
		coverage.setPeriod(new Period().setStartElement(new DateTimeType("2026-01-01")));
		return coverage;
	}

	private static Flag flag() {
		var flag = new Flag();
		flag.setId("flag-1");
		flag.setStatus(Flag.FlagStatus.ACTIVE);
		flag.setCode(new CodeableConcept().setText("Fall risk"));
		return flag;
	}

	private static Communication message() {
		var communication = new Communication();
		communication.setId("7a0b1c2d-0000-4000-8000-000000000004");
		communication.setStatus(Communication.CommunicationStatus.COMPLETED);
		communication.setSent(Date.from(Instant.parse("2026-03-06T18:00:00Z")));
		communication.setSender(new Reference("Patient/x").setDisplay("Maya Okafor"));
		communication.addPayload().setContent(new StringType("<script>alert(1)</script>"));
		return communication;
	}
}
