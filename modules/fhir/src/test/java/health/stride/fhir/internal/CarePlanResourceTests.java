package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityKind;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing.UnitsOfTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import ca.uhn.fhir.context.FhirContext;
import health.stride.careteams.ClinicianManagement;
import health.stride.patients.CareTeams;
import health.stride.patients.Consents;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episodes;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlag;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;

/**
 * A patient's plan as a CarePlan: every version valid against R4 with its dosing, newest first in its history,
 * found by status with its subject, and read only by the patient, their care team and the clinic's integration.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class CarePlanResourceTests {

	private static final Map<String, String> NO_PARAMETERS = Map.of();

	private final CarePlanResources resources;
	private final CareFixtures fixtures;
	private final Plans plans;
	private final Episodes episodes;
	private final PatientDirectory patients;
	private final AuditTrail audit;
	private final ClinicRegistry clinics;

	private CareFixtures.Clinic clinic;
	private PatientId maya;
	private Plan plan;

	CarePlanResourceTests(CarePlanResources resources, ClinicRegistry clinics, ClinicianManagement clinicians,
			PatientDirectory patients, Consents consents, Intakes intakes, CareTeams careTeams,
			ProgramTemplates templates, Plans plans, Episodes episodes, AuditTrail audit) {
		this.resources = resources;
		this.plans = plans;
		this.episodes = episodes;
		this.patients = patients;
		this.audit = audit;
		this.clinics = clinics;
		this.fixtures = new CareFixtures(clinics, clinicians, patients, consents, intakes, careTeams, templates, plans);
	}

	@BeforeEach
	void mayaWithATailoredPlan() {
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		clinic = fixtures.clinic();
		maya = fixtures.patient(clinic, "maya");
		plan = fixtures.tailoredFlarePlan(clinic, maya);
	}

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void aPlanReadsAsAValidCarePlanWithEachExercisesDosingInItsPhase() {

		var read = clinic.as(() -> resources.read(plan.id().toString(), clinic.therapist())).orElseThrow();

		assertThat(FhirValidation.errors(read)).isEmpty();
		report("CarePlan", read);
		assertThat(read.getIdElement().getIdPart()).isEqualTo(plan.id().toString());
		assertThat(read.getMeta().getVersionId()).isEqualTo("2");
		assertThat(read.getStatus()).isEqualTo(CarePlanStatus.ACTIVE);
		assertThat(read.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
		assertThat(read.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("229065009");
		assertThat(read.getTitle()).isEqualTo("Back pain flare: gentle mobility");
		assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + maya.id());
		assertThat(read.getAuthor().getReference()).isEqualTo("Practitioner/" + clinic.alexId().id());
		assertThat(read.getAuthor().getDisplay()).isEqualTo("Alex Morgan, PT");
		assertThat(read.getDescription()).isEqualTo("Version 2: Pelvic Tilt: sets 1 → 2, reps 6 → 12, hold 3 → 5, new note")
				.as("the version's change in words");
		assertThat(read.getPeriod().getStart()).isNotNull();
		assertThat(read.getPeriod().getEnd()).isNull();

		var phases = read.getActivity().stream().filter(it -> !it.getDetail().hasKind()).toList();
		assertThat(phases).extracting(it -> it.getDetail().getCode().getText())
				.containsExactly("While the flare settles", "As the pain subsides");
		assertThat(phases).extracting(it -> it.getDetail().getStatus())
				.containsExactly(CarePlanActivityStatus.INPROGRESS, CarePlanActivityStatus.NOTSTARTED);

		var tilt = exercise(read, "pelvic-tilt", 0);
		assertThat(tilt.getKind()).isEqualTo(CarePlanActivityKind.SERVICEREQUEST);
		assertThat(tilt.getCode().getText()).isEqualTo("Pelvic Tilt");
		assertThat(tilt.getStatus()).isEqualTo(CarePlanActivityStatus.INPROGRESS);
		assertThat(tilt.getStatusReason().getText()).isEqualTo("Phase 1 of 2: While the flare settles");
		var repeat = tilt.getScheduledTiming().getRepeat();
		assertThat(repeat.getFrequency()).isEqualTo(2);
		assertThat(repeat.getPeriod().intValue()).isOne();
		assertThat(repeat.getPeriodUnit()).isEqualTo(UnitsOfTime.D);
		assertThat(tilt.getQuantity().getValue().intValue()).isEqualTo(12);
		assertThat(tilt.getQuantity().getCode()).isEqualTo("1");
		assertThat(tilt.getQuantity().getUnit()).isEqualTo("repetitions");
		assertThat(tilt.getDescription()).isEqualTo(
				"2×12, hold 5 s, 2 times a day, every day; rest 30 s between sets. Your therapist's note: Breathe out as you tilt");
		assertThat(tilt.getPerformerFirstRep().getReference()).isEqualTo("Patient/" + maya.id());

		var later = exercise(read, "prone-press-up", 1);
		assertThat(later.getStatus()).isEqualTo(CarePlanActivityStatus.NOTSTARTED);
		assertThat(later.getStatusReason().getText()).isEqualTo("Phase 2 of 2: As the pain subsides");

		var walking = read.getActivity().getLast().getDetail();
		assertThat(walking.getCode().getText()).isEqualTo("Walking");
		assertThat(walking.getQuantity().getCode()).isEqualTo("min");

		var json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(read);
		var parsed = (CarePlan) FhirContext.forR4Cached().newJsonParser().parseResource(json);
		assertThat(exercise(parsed, "pelvic-tilt", 0).getQuantity().getValue().intValue()).isEqualTo(12);
	}

	@Test
	void theHistoryHoldsEveryVersionNewestFirstAndEachReadsAsItWas() {

		var history = clinic.as(() -> resources.history(plan.id().toString(), clinic.therapist()));

		assertThat(history).extracting(it -> it.getMeta().getVersionId()).containsExactly("2", "1");
		assertThat(history.get(0).getMeta().getLastUpdated()).isAfterOrEqualTo(history.get(1).getMeta().getLastUpdated());
		history.forEach(version -> {
			assertThat(FhirValidation.errors(version)).as("version %s", version.getMeta().getVersionId()).isEmpty();
			report("CarePlan/_history", version);
		});
		assertThat(history.get(1).getDescription()).isEqualTo("Version 1: Assigned Back pain flare: gentle mobility");

		var first = clinic.as(() -> resources.version(plan.id().toString(), "1", clinic.therapist())).orElseThrow();
		assertThat(exercise(first, "pelvic-tilt", 0).getQuantity().getValue().intValue()).as("as assigned").isEqualTo(6);
		assertThat(first.getMeta().getVersionId()).isEqualTo("1");
		assertThat(clinic.as(() -> resources.version(plan.id().toString(), "2", clinic.therapist()))).hasValueSatisfying(
				it -> assertThat(exercise(it, "pelvic-tilt", 0).getQuantity().getValue().intValue()).isEqualTo(12));
		assertThat(clinic.as(() -> resources.version(plan.id().toString(), "3", clinic.therapist()))).isEmpty();
		assertThat(clinic.as(() -> resources.version(plan.id().toString(), "x", clinic.therapist()))).isEmpty();

		// a new assignment is the plan's next version, under its new program's name
		fixtures.plan(clinic, maya, "sciatica-stretch-strengthen");
		var reassigned = clinic.as(() -> resources.history(plan.id().toString(), clinic.therapist()));
		assertThat(reassigned).extracting(CarePlan::getTitle).containsExactly("Sciatica: stretch and strengthen",
				"Back pain flare: gentle mobility", "Back pain flare: gentle mobility");
		assertThat(clinic.as(() -> resources.everything(maya, clinic.therapist()))).singleElement()
				.satisfies(it -> assertThat(it.getMeta().getVersionId()).isEqualTo("3"));
	}

	@Test
	void aSpanishSpeakingPatientReadsTheirPlanInSpanish() {

		clinic.as(() -> {
			patients.changeLanguage(maya, Language.SPANISH);
			return null;
		});
		var read = clinic.as(() -> resources.read(plan.id().toString(), clinic.patient(maya, "patient.maya"))).orElseThrow();

		assertThat(FhirValidation.errors(read)).isEmpty();
		assertThat(read.getLanguage()).isEqualTo("es");
		var tilt = exercise(read, "pelvic-tilt", 0);
		assertThat(tilt.getStatusReason().getText()).startsWith("Fase 1 de 2: ");
		assertThat(tilt.getDescription()).startsWith("2×12, mantener 5 s, 2 veces al día, todos los días; descanso de 30 s");
	}

	@Test
	void searchFindsPlansByStatusWithTheirPatientsAndPagesOn() {

		var leo = fixtures.patient(clinic, "leo", RedFlag.FEVER);
		var leosPlan = fixtures.plan(clinic, leo, "sciatica-stretch-strengthen");
		var nora = fixtures.patient(clinic, "nora");
		var norasPlan = fixtures.plan(clinic, nora, "flare-prevention-core");
		await().atMost(Duration.ofSeconds(20)).until(() -> clinic.as(() -> plans.holdOf(leo)).isPresent());
		clinic.as(() -> episodes.discharge(nora, Episodes.Discharge.of(DischargeReason.GOALS_MET, "Back to running."),
				clinic.alex()));
		await().atMost(Duration.ofSeconds(20)).until(() -> clinic.as(() -> plans.of(nora)).isEmpty());

		var integration = clinic.integration();
		assertThat(ids(search(Map.of("status", "active"), integration))).containsExactly(plan.id().toString());
		assertThat(ids(search(Map.of("status", "on-hold"), integration))).containsExactly(leosPlan.id().toString());
		assertThat(ids(search(Map.of("status", "completed"), integration))).containsExactly(norasPlan.id().toString());
		assertThat(ids(search(Map.of("status", "revoked"), integration))).isEmpty();
		assertThat(ids(search(Map.of("status", "http://hl7.org/fhir/request-status|completed,on-hold"), integration)))
				.containsExactlyInAnyOrder(norasPlan.id().toString(), leosPlan.id().toString());
		assertThat(ids(search(Map.of("status", "draft"), integration))).isEmpty();
		assertThatExceptionOfType(FhirProblem.class).isThrownBy(() -> search(Map.of("status", "actve"), integration));

		var ended = clinic.as(() -> resources.read(norasPlan.id().toString(), integration)).orElseThrow();
		assertThat(ended.getStatus()).isEqualTo(CarePlanStatus.COMPLETED);
		assertThat(ended.getPeriod().getEnd()).isNotNull();
		assertThat(exercise(ended, "abdominal-bracing", 0).getStatus()).isEqualTo(CarePlanActivityStatus.COMPLETED);
		assertThat(FhirValidation.errors(ended)).isEmpty();
		var held = clinic.as(() -> resources.read(leosPlan.id().toString(), integration)).orElseThrow();
		assertThat(held.getStatus()).isEqualTo(CarePlanStatus.ONHOLD);
		assertThat(FhirValidation.errors(held)).isEmpty();

		var withSubject = clinic.as(() -> resources.search(new SearchRequest(Map.of("subject", "Patient/" + leo.id()), 10, 0,
				null, Set.of(CarePlanResources.INCLUDE_SUBJECT)), clinic.therapist()));
		assertThat(ids(withSubject.matches())).containsExactly(leosPlan.id().toString());
		assertThat(withSubject.included()).singleElement().isInstanceOfSatisfying(Patient.class,
				it -> assertThat(it.getIdElement().getIdPart()).isEqualTo(leo.id().toString()));
		assertThat(ids(search(Map.of("patient", maya.id().toString(), "status", "active,on-hold"), clinic.coach())))
				.containsExactly(plan.id().toString());
		assertThat(ids(search(Map.of("subject", "Patient/" + maya.id(), "status", "completed"), clinic.coach()))).isEmpty();

		var first = clinic.as(() -> resources.search(new SearchRequest(NO_PARAMETERS, 2, 0, null,
				Set.of(CarePlanResources.INCLUDE_SUBJECT)), integration));
		assertThat(first.matches()).hasSize(2);
		assertThat(first.more()).isTrue();
		assertThat(first.included()).hasSize(2);
		var second = clinic.as(() -> resources.search(new SearchRequest(NO_PARAMETERS, 2, 2, null, Set.of()), integration));
		assertThat(second.matches()).hasSize(1);
		assertThat(second.more()).isFalse();
		assertThat(second.total()).isEqualTo(3);
		assertThat(ids(first.matches(), second.matches())).containsExactlyInAnyOrder(plan.id().toString(),
				leosPlan.id().toString(), norasPlan.id().toString());
		assertThat(clinic.as(() -> resources.search(new SearchRequest(Map.of("status", "completed"), 1, 0, null, Set.of()),
				integration)).more()).isFalse();
	}

	@Test
	void onlyThePatientTheirCareTeamAndTheIntegrationReadThePlan() {

		var leo = fixtures.patient(clinic, "leo");
		var id = plan.id().toString();

		assertThat(clinic.as(() -> resources.read(id, clinic.patient(maya, "patient.maya")))).isPresent();
		assertThat(clinic.as(() -> resources.read(id, clinic.coach()))).isPresent();
		assertThat(clinic.as(() -> resources.read(id, clinic.integration()))).isPresent();

		for (var stranger : List.of(clinic.patient(leo, "patient.leo"), clinic.administrator(), clinic.otherTherapist(),
				clinic.otherCoach())) {
			assertThat(clinic.as(() -> resources.read(id, stranger))).as("%s", stranger).isEmpty();
			assertThat(clinic.as(() -> resources.history(id, stranger))).isEmpty();
			assertThat(clinic.as(() -> resources.version(id, "1", stranger))).isEmpty();
			assertThat(search(Map.of("subject", "Patient/" + maya.id()), stranger)).isEmpty();
			assertThat(search(NO_PARAMETERS, stranger)).isEmpty();
		}
		assertThat(clinic.as(() -> audit.aboutPatient(maya.id(), 100))).anySatisfy(it -> {
			assertThat(it.action()).isEqualTo(AuditAction.ACCESS_DENIED);
			assertThat(it.resource()).isEqualTo("fhir/CarePlan");
			assertThat(it.actorUsername()).isEqualTo("admin.ada");
		});

		var other = fixtures.clinic();
		assertThat(other.as(() -> resources.read(id, other.integration()))).isEmpty();
		assertThat(other.as(() -> resources.history(id, other.integration()))).isEmpty();
		assertThat(other.as(() -> resources.search(new SearchRequest(NO_PARAMETERS, 10, 0, null, Set.of()),
				other.integration())).matches()).isEmpty();
		assertThat(other.as(() -> resources.search(new SearchRequest(Map.of("subject", maya.id().toString()), 10, 0, null,
				Set.of()), other.integration())).matches()).isEmpty();
	}

	private List<? extends Resource> search(Map<String, String> parameters, Requester requester) {
		return clinic.as(() -> resources.search(new SearchRequest(parameters, 10, 0, null, Set.of()), requester)).matches();
	}

	@SafeVarargs
	private static List<String> ids(List<? extends Resource>... pages) {
		return java.util.Arrays.stream(pages).flatMap(List::stream).map(it -> it.getIdElement().getIdPart()).toList();
	}

	/** The exercise's activity in that phase (counted from 0). */
	static CarePlan.CarePlanActivityDetailComponent exercise(CarePlan plan, String slug, int phase) {
		var seen = -1;
		for (CarePlanActivityComponent activity : plan.getActivity()) {
			var detail = activity.getDetail();
			if (!detail.hasKind()) {
				seen++;
			} else if (seen == phase && detail.getCode().getCodingFirstRep().getCode().equals(slug)) {
				return detail;
			}
		}
		throw new AssertionError(slug + " is not in phase " + phase);
	}

	/** The validator's warnings, written out for the documentation's list. */
	static void report(String what, Resource resource) {
		FhirValidation.warnings(resource).forEach(it -> System.out.println("FHIR-WARNING " + what + " " + it));
	}
}
