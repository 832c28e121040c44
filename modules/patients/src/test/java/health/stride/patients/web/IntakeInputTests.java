package health.stride.patients.web;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import health.stride.patients.Aggravator;
import health.stride.patients.Diagnosis;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientFixtures;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;
import health.stride.platform.validation.FieldErrors;
import health.stride.platform.validation.InvalidInput;

/** Every intake field, as the pages and the API check it. */
class IntakeInputTests {

	@Test
	void readsAWholeIntakeIntoTypedAnswers() {

		var answers = IntakeInput.answers(List.of("low-back", "left-leg"), 6, "SUBACUTE",
				List.of("bending-forward", "lying-prone"), List.of("sciatica"), "Pick up my daughter and sit through a workday",
				List.of(new IntakeInput.Psfs("Picking up my daughter", 3), new IntakeInput.Psfs("Sitting at work", 4)),
				PatientFixtures.redFlags(RedFlag.FEVER));

		assertThat(answers.painRegions()).containsExactlyInAnyOrder(PainRegion.LOW_BACK, PainRegion.LEFT_LEG);
		assertThat(answers.painNow()).isEqualTo(6);
		assertThat(answers.painDuration()).isEqualTo(PainDuration.SUBACUTE);
		assertThat(answers.worseWith()).containsExactlyInAnyOrder(Aggravator.BENDING_FORWARD, Aggravator.LYING_PRONE);
		assertThat(answers.diagnoses()).containsExactly(Diagnosis.SCIATICA);
		assertThat(answers.psfs()).extracting(PsfsItem::score).containsExactly(3, 4);
		assertThat(answers.redFlags()).containsExactly(RedFlag.FEVER);
		assertThat(answers.toString()).doesNotContain("daughter");
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 11, 100 })
	void refusesPainOutsideZeroToTen(int pain) {
		assertThat(errorsOf(() -> IntakeInput.answers(List.of("low-back"), pain, "ACUTE", List.of(), List.of(), "Walk",
				List.of(new IntakeInput.Psfs("Walking", 5)), PatientFixtures.noRedFlags())))
				.containsOnlyKeys("painNow").containsValue("Use a number from 0 to 10.");
	}

	@Test
	void acceptsTheEndsOfThePainScale() {
		var errors = new FieldErrors();
		assertThat(IntakeInput.whereItHurts(List.of("neck"), 0, errors)).isNotNull();
		assertThat(IntakeInput.whereItHurts(List.of("neck"), 10, errors)).isNotNull();
		assertThat(errors.isEmpty()).isTrue();
	}

	@Test
	void namesEveryMissingFieldAtOnce() {
		assertThat(errorsOf(() -> IntakeInput.answers(null, null, null, null, null, null, null, null)))
				.containsKeys("painRegions", "painNow", "painDuration", "goals", "psfs", "redFlags.bowelBladder",
						"redFlags.saddleNumbness", "redFlags.fever", "redFlags.weightLoss",
						"redFlags.progressiveWeakness", "redFlags.trauma")
				.doesNotContainKeys("worseWith", "diagnoses");
	}

	@Test
	void refusesCodesOutsideTheValueLists() {

		var errors = errorsOf(() -> IntakeInput.answers(List.of("low-back", "elbow"), 3, "FOREVER", List.of("running"),
				List.of("broken-back"), "Walk", List.of(new IntakeInput.Psfs("Walking", 5)),
				Map.of("bowelBladder", false)));

		assertThat(errors.get("painRegions")).startsWith("'elbow' is not one of low-back, mid-back");
		assertThat(errors.get("painDuration")).isEqualTo("Choose one of ACUTE, SUBACUTE or CHRONIC.");
		assertThat(errors.get("worseWith")).startsWith("'running' is not one of bending-forward");
		assertThat(errors.get("diagnoses")).startsWith("'broken-back' is not one of herniated-disc");
	}

	@Test
	void needsAtLeastOnePainRegionButNoAggravatorOrDiagnosis() {
		var errors = new FieldErrors();
		assertThat(IntakeInput.whereItHurts(List.of(), 3, errors)).isNull();
		assertThat(errors.asMap()).containsOnlyKeys("painRegions");

		var none = new FieldErrors();
		assertThat(IntakeInput.course("CHRONIC", List.of(), none)).isNotNull();
		assertThat(IntakeInput.history(List.of(), "Sleep through the night", none)).isNotNull();
		assertThat(none.isEmpty()).isTrue();
	}

	@Test
	void limitsTheGoalsText() {
		var errors = new FieldErrors();
		assertThat(IntakeInput.history(List.of(), "x".repeat(IntakeInput.MAX_GOALS + 1), errors)).isNull();
		assertThat(errors.asMap()).containsOnlyKeys("goals");
		assertThat(IntakeInput.history(List.of(), "   ", new FieldErrors())).isNull();
	}

	@Test
	void checksEachPsfsLineAndSkipsEmptyOnes() {

		var lines = new ArrayList<IntakeInput.Psfs>();
		lines.add(new IntakeInput.Psfs("Gardening", 4));
		lines.add(new IntakeInput.Psfs("", null));
		lines.add(new IntakeInput.Psfs(" ", 7));
		lines.add(new IntakeInput.Psfs("Running", 12));
		var errors = new FieldErrors();

		assertThat(IntakeInput.function(lines, errors)).isNull();
		assertThat(errors.asMap()).containsOnlyKeys("psfs[1].activity", "psfs[2].score");

		var valid = new FieldErrors();
		assertThat(IntakeInput.function(List.of(new IntakeInput.Psfs(" Gardening ", 4), new IntakeInput.Psfs(null, null)),
				valid).psfs()).containsExactly(new PsfsItem("Gardening", 4));
	}

	@Test
	void takesOneToFivePsfsActivities() {

		var errors = new FieldErrors();
		assertThat(IntakeInput.function(List.of(), errors)).isNull();
		assertThat(IntakeInput.function(Collections.nCopies(6, new IntakeInput.Psfs("Walking", 5)), new FieldErrors()))
				.isNull();
		assertThat(IntakeInput.function(Collections.nCopies(5, new IntakeInput.Psfs("Walking", 5)), new FieldErrors()))
				.isNotNull();
		assertThat(errors.asMap()).containsOnlyKeys("psfs");
	}

	@Test
	void intakeScreenNeedsEveryAnswerALaterReportOnlyTheNewSymptoms() {

		var partial = new HashMap<String, Boolean>();
		partial.put("fever", true);

		var atIntake = new FieldErrors();
		assertThat(IntakeInput.screen(partial, true, atIntake)).isNull();
		assertThat(atIntake.asMap()).hasSize(RedFlag.values().length - 1);

		var later = new FieldErrors();
		assertThat(IntakeInput.screen(partial, false, later).yes()).containsExactly(RedFlag.FEVER);
		assertThat(later.isEmpty()).isTrue();

		var unknown = new FieldErrors();
		assertThat(IntakeInput.screen(Map.of("headache", true), false, unknown)).isNull();
		assertThat(unknown.asMap()).containsOnlyKeys("redFlags.headache");
	}

	@Test
	void sortsRedFlagsIntoEmergencyAndSameDay() {
		assertThat(RedFlag.BOWEL_BLADDER.urgency()).isEqualTo(RedFlag.Urgency.EMERGENCY);
		assertThat(RedFlag.SADDLE_NUMBNESS.urgency()).isEqualTo(RedFlag.Urgency.EMERGENCY);
		assertThat(RedFlag.NIGHT_PAIN.urgency()).isEqualTo(RedFlag.Urgency.SAME_DAY);
		assertThat(RedFlag.CANCER_HISTORY.urgency()).isEqualTo(RedFlag.Urgency.SAME_DAY);
	}

	@Test
	void sendsFeverAndUnexplainedWeightLossWithBackPainToTheEmergencyDepartmentLikeBowelOrBladderChanges() {
		assertThat(RedFlag.FEVER.urgency()).isEqualTo(RedFlag.BOWEL_BLADDER.urgency()).isEqualTo(RedFlag.Urgency.EMERGENCY);
		assertThat(RedFlag.WEIGHT_LOSS.urgency()).isEqualTo(RedFlag.Urgency.EMERGENCY);
	}

	/** The problems as an English reader sees them, from the module's bundle. */
	private static Map<String, String> errorsOf(Runnable read) {
		try {
			read.run();
		} catch (InvalidInput invalid) {
			var english = new LinkedHashMap<String, String>();
			invalid.problems().forEach((field, problem) -> english.put(field, MESSAGES.getMessage(problem, Locale.ENGLISH)));
			return english;
		}
		throw new AssertionError("the input was accepted");
	}

	private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

	static {
		MESSAGES.setBasename("i18n/patients/messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
		MESSAGES.setAlwaysUseMessageFormat(true);
	}
}
