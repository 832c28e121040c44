package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import health.stride.patients.Aggravator;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PsfsItem;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.internal.Tailoring.Caution;
import health.stride.programs.internal.Tailoring.Facts;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import org.springframework.context.MessageSource;
import java.util.Locale;

/** The tailoring rules: which intake fact flags which exercises, and what is suggested instead. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class TailoringTests {

	private final Tailoring tailoring;
	private final ExerciseLibrary library;
	private final ClinicRegistry clinics;
	private final PatientDirectory patients;
	private final Consents consents;
	private final Intakes intakes;
	private final MessageSource messages;

	TailoringTests(Tailoring tailoring, ExerciseLibrary library, ClinicRegistry clinics, PatientDirectory patients,
			Consents consents, Intakes intakes, MessageSource messages) {
		this.messages = messages;
		this.tailoring = tailoring;
		this.library = library;
		this.clinics = clinics;
		this.patients = patients;
		this.consents = consents;
		this.intakes = intakes;
	}

	/** The rules as a table: the patient's fact, the exercise, whether it is flagged, the first suggestion. */
	@ParameterizedTest(name = "{0} × {1} → flagged {2}, first suggestion {3}")
	@CsvSource({
			"PRONE_INTOLERANT,     prone-press-up,   true,  standing-back-extension",
			"PRONE_INTOLERANT,     diving-superman,  true,  bird-dog",
			"PRONE_INTOLERANT,     back-extension,   true,  standing-back-extension",
			"PRONE_INTOLERANT,     pelvic-tilt,      false, ",
			"EXTENSION_INTOLERANT, prone-press-up,   true,  knee-hug",
			"EXTENSION_INTOLERANT, back-extension,   true,  knee-hug",
			"EXTENSION_INTOLERANT, standing-back-extension, true, knee-hug",
			"EXTENSION_INTOLERANT, knee-hug,         false, ",
			"FLEXION_TRIGGERED,    knee-hug,         true,  pelvic-tilt",
			"FLEXION_TRIGGERED,    bicycle-crunch,   true,  ball-crunch",
			"FLEXION_TRIGGERED,    childs-pose,      true,  pelvic-tilt",
			"FLEXION_TRIGGERED,    glute-bridge,     false, ",
	})
	void flagsTheExercisesTheFactWarnsAboutAndSuggestsAlternatives(Caution fact, String slug, boolean flagged,
			String first) {

		var warnings = tailoring.warnings(new Facts(Set.of(fact)), List.of(slug));

		if (!flagged) {
			assertThat(warnings).isEmpty();
			return;
		}
		var warning = warnings.get(slug);
		assertThat(warning.cautions()).containsExactly(fact);
		assertThat(warning.text().in(messages, Locale.ENGLISH))
				.startsWith(library.find(slug).orElseThrow().name() + " " + fact.reason().in(messages, Locale.ENGLISH).substring(0, 5));
		assertThat(warning.suggestions()).isNotEmpty().hasSizeLessThanOrEqualTo(Tailoring.SUGGESTIONS);
		assertThat(warning.suggestions().get(0).slug()).isEqualTo(first);
	}

	@Test
	void neverSuggestsAnExerciseThePatientsFactsWarnAboutOrOneInThePhase() {

		var all = library.all();
		for (var facts : List.of(Facts.of(true, false, false), Facts.of(false, true, false), Facts.of(false, false, true),
				Facts.of(true, true, true))) {
			for (var exercise : all) {
				var phase = List.of(exercise.slug(), "pelvic-tilt", "childs-pose", "bird-dog");
				var warning = tailoring.warnings(facts, phase).get(exercise.slug());
				if (warning == null) {
					assertThat(facts.against(exercise)).as(exercise.slug()).isEmpty();
					continue;
				}
				assertThat(warning.suggestions()).as(exercise.slug() + " " + facts).allSatisfy(suggestion -> {
					assertThat(facts.against(suggestion)).isEmpty();
					assertThat(phase).doesNotContain(suggestion.slug());
				});
				assertThat(tailoring.alternatives(exercise.slug(), facts, Set.copyOf(phase)))
						.allSatisfy(alternative -> assertThat(facts.against(alternative)).isEmpty());
			}
		}
	}

	@Test
	void aPatientWithoutFactsGetsNoWarningsAndSeveralFactsAddUp() {

		assertThat(tailoring.warnings(Facts.none(), List.of("prone-press-up", "knee-hug"))).isEmpty();

		var both = tailoring.warnings(Facts.of(true, true, false), List.of("prone-press-up")).get("prone-press-up");
		assertThat(both.cautions()).containsExactly(Caution.PRONE_INTOLERANT, Caution.EXTENSION_INTOLERANT);
		assertThat(both.text().in(messages, Locale.ENGLISH)).contains("lies on the stomach")
				.contains("it also bends the spine backward");
		assertThat(both.text().in(messages, Locale.forLanguageTag("es"))).contains("boca abajo")
				.contains("además, arquea la columna hacia atrás");
		assertThat(both.suggestions()).extracting(Exercise::slug).doesNotContain("standing-back-extension");
	}

	@Test
	void keepsTheFactsOfAFinishedIntakeAndAnotherIntakeReplacesThem(Scenario scenario) {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var patient = CurrentTenant.callAs(clinic, () -> {
			var registered = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.pia", "Pia", "Lund",
					LocalDate.of(1979, 5, 2), "pia@example.org", null, "WA", "America/Los_Angeles"));
			for (var document : ConsentDocument.values()) {
				consents.accept(registered, document, consents.currentVersion(document));
			}
			return registered;
		});
		var answers = new IntakeAnswers(Set.of(PainRegion.LOW_BACK), 6, PainDuration.ACUTE,
				Set.of(Aggravator.LYING_PRONE, Aggravator.BENDING_FORWARD), Set.of(), "Garden again",
				List.of(new PsfsItem("Gardening", 3)), Set.of());

		// the event names the patient only: the listener reads the facts from the patients module
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> intakes.submit(patient, answers))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> tailoring.factsOf(patient)),
						facts -> !facts.cautions().isEmpty())
				.andVerify(facts -> {
					// pain of under 6 weeks at an intake of today: still in the first weeks, when hanging is flagged
					assertThat(facts.cautions()).containsExactlyInAnyOrder(Caution.PRONE_INTOLERANT,
							Caution.FLEXION_TRIGGERED, Caution.FIRST_WEEKS);
					assertThat(facts.stenosis()).isFalse();
				}));

		CurrentTenant.runAs(clinic, () -> tailoring.record(patient, false, true, false));
		assertThat(CurrentTenant.callAs(clinic, () -> tailoring.factsOf(patient)).cautions())
				.containsExactly(Caution.EXTENSION_INTOLERANT);

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThat(CurrentTenant.callAs(other, () -> tailoring.factsOf(patient)).cautions())
				.as("another clinic does not see them").isEmpty();
	}
}
