package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import health.stride.patients.PainDuration;
import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.Side;
import health.stride.programs.internal.Tailoring.Caution;
import health.stride.programs.internal.Tailoring.Facts;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped catalogue against the clinical rules, without a database: where an exercise sits in
 * its progression, what it says, and what tailoring flags and suggests for every intake.
 */
class CatalogueRulesTests {

	static final Catalogue CATALOGUE = Catalogue.load(JsonMapper.builder().build());

	static Exercise exercise(String slug) {
		return CATALOGUE.exercises().stream().filter(it -> it.slug().equals(slug)).findFirst().orElseThrow();
	}

	/** Every combination of the intake facts tailoring knows, the empty one included. */
	static List<Facts> everyIntake() {
		var cautions = Caution.values();
		var all = new ArrayList<Facts>();
		for (int mask = 0; mask < 1 << cautions.length; mask++) {
			var set = EnumSet.noneOf(Caution.class);
			for (int i = 0; i < cautions.length; i++) {
				if ((mask & 1 << i) != 0) {
					set.add(cautions[i]);
				}
			}
			all.add(new Facts(set));
		}
		return all;
	}

	/** The phases a flagged exercise may sit in: alone, and every phase of every template with it added. */
	static List<List<String>> phasesWith(Exercise exercise) {
		var phases = new ArrayList<List<String>>();
		phases.add(List.of(exercise.slug()));
		for (var template : CATALOGUE.templates()) {
			for (var phase : template.phases()) {
				var slugs = new ArrayList<String>();
				slugs.add(exercise.slug());
				phase.exercises().forEach(it -> slugs.add(it.slug()));
				phases.add(slugs.stream().distinct().toList());
			}
		}
		return phases;
	}

	@Test
	void theEightPointPlankIsTheSaferPlankOnFeetKneesElbowsAndHandsOneStepBeforePlank() {

		var eightPoint = exercise("8-point-plank");

		assertThat(eightPoint.liesFaceDown()).isFalse();
		assertThat(eightPoint.tags()).doesNotContain("spinal-load-high").contains("neutral-spine", "beginner");
		assertThat(String.join(" ", eightPoint.steps())).contains("feet, knees, elbows and hands").contains("knees on the mat");
		assertThat(eightPoint.regression()).isEqualTo("kneeling-plank");
		assertThat(eightPoint.progression()).isEqualTo("plank");
		assertThat(exercise("plank").regression()).isEqualTo("8-point-plank");
		assertThat(exercise("kneeling-plank").progression()).isEqualTo("8-point-plank");
		assertThat(exercise("plank").tags()).contains("spinal-load-high");
	}

	@Test
	void everyEasierAndHarderStepPointsBackAtItsNeighbour() {
		for (var exercise : CATALOGUE.exercises()) {
			var harder = exercise.progression();
			if (harder != null) {
				assertThat(exercise(harder).regression()).as("easier than " + harder).isEqualTo(exercise.slug());
			}
		}
	}

	@Test
	void theProneTagFollowsTheStartingPositionNotTheHand() {

		var dosing = new Dosing(1, 8, null, null, Side.BOTH, 1, 7, 30, null);
		var faceDown = new Exercise("x", "X", "low-back", "PRONE", "MAT", "MOBILITY", dosing, List.of("a", "b", "c"),
				List.of("s"), Set.of("extension-bias"), null, null, true);
		var seated = new Exercise("y", "Y", "low-back", "SEATED", "NONE", "MOBILITY", dosing, List.of("a", "b", "c"),
				List.of("s"), Set.of("prone", "beginner"), null, null, true);

		assertThat(faceDown.tags()).containsExactlyInAnyOrder("prone", "extension-bias");
		assertThat(seated.tags()).containsExactly("beginner");
		assertThat(CATALOGUE.exercises()).allSatisfy(it -> assertThat(it.tagged("prone")).as(it.slug())
				.isEqualTo("PRONE".equals(it.position())));
		assertThat(exercise("anchored-back-extension").liesFaceDown()).isTrue();
		assertThat(exercise("anchored-back-extension").tagged("prone")).isTrue();
	}

	@Test
	void aPatientWhoCannotLieFaceDownIsNeverSuggestedAnExerciseDoneLyingFaceDown() {

		var library = CATALOGUE.exercises();
		var checked = 0;
		var flagged = new HashSet<String>();
		for (var facts : everyIntake()) {
			if (!facts.cautions().contains(Caution.PRONE_INTOLERANT)) {
				continue;
			}
			for (var exercise : library) {
				for (var phase : phasesWith(exercise)) {
					var warning = Tailoring.warnings(facts, phase, library).get(exercise.slug());
					if (exercise.liesFaceDown()) {
						assertThat(warning).as("%s is flagged for %s", exercise.slug(), facts).isNotNull();
						assertThat(warning.cautions()).contains(Caution.PRONE_INTOLERANT);
						flagged.add(exercise.slug());
					}
					var offered = new ArrayList<Exercise>(Tailoring.alternatives(exercise.slug(), facts, Set.copyOf(phase), library));
					if (warning != null) {
						offered.addAll(warning.suggestions());
					}
					for (var suggestion : offered) {
						checked++;
						assertThat(suggestion.liesFaceDown()).as("%s suggested for %s with %s", suggestion.slug(),
								exercise.slug(), facts).isFalse();
						assertThat(facts.against(suggestion)).as(suggestion.slug()).isEmpty();
					}
				}
			}
		}
		assertThat(flagged).contains("anchored-back-extension", "diving-superman", "prone-press-up", "back-extension");
		assertThat(checked).as("suggestions checked").isGreaterThan(1_000);
	}

	@Test
	void noSuggestionIsEverOneTheIntakeWarnsAboutOrTheHarderVersionOfTheFlaggedExercise() {

		var library = CATALOGUE.exercises();
		for (var facts : everyIntake()) {
			for (var exercise : library) {
				for (var phase : phasesWith(exercise)) {
					var warning = Tailoring.warnings(facts, phase, library).get(exercise.slug());
					assertThat(warning == null).as("%s with %s", exercise.slug(), facts).isEqualTo(facts.against(exercise).isEmpty());
					if (warning != null) {
						assertThat(warning.suggestions()).as("%s with %s", exercise.slug(), facts).allSatisfy(it -> {
							assertThat(facts.against(it)).isEmpty();
							assertThat(it.slug()).isNotEqualTo(exercise.progression());
							assertThat(phase).doesNotContain(it.slug());
						});
					}
				}
			}
		}
	}

	@Test
	void hangingFromABarIsFlaggedInTheFirstWeeksAndNothingElseIs() {

		var firstWeeks = new Facts(Set.of(Caution.FIRST_WEEKS));

		assertThat(CATALOGUE.exercises()).filteredOn(it -> !firstWeeks.against(it).isEmpty()).extracting(Exercise::slug)
				.containsExactlyInAnyOrder("bar-hang", "pull-up");
		var warning = Tailoring.warnings(firstWeeks, List.of("bar-hang", "bird-dog"), CATALOGUE.exercises()).get("bar-hang");
		assertThat(warning.suggestions()).isNotEmpty().noneMatch(Exercise::hangs)
				.extracting(Exercise::slug).doesNotContain("inverted-row");
		assertThat(String.join(" ", exercise("bar-hang").safety())).contains("8 to 12 weeks");
	}

	/** How long the pain had lasted at intake, how many weeks ago the intake was, the fewest weeks since it started. */
	@ParameterizedTest(name = "{0} at intake, {1} weeks ago -> at least {2} weeks")
	@CsvSource({
			"ACUTE,    0,  0", "ACUTE,    11, 11", "ACUTE,    12, 12",
			"SUBACUTE, 0,  6", "SUBACUTE, 5,  11", "SUBACUTE, 6,  12",
			"CHRONIC,  0,  12" })
	void countsTheFewestWeeksThePainCanHaveLasted(PainDuration duration, int weeksAgo, long weeks) {
		var now = Instant.parse("2026-11-30T12:00:00Z");
		var intake = now.minus(Duration.ofDays(7L * weeksAgo)).plus(Duration.ofHours(1));
		var expected = weeksAgo == 0 ? weeks : weeks - 1; // an hour short of the whole weeks: the last one is not over
		assertThat(Tailoring.weeksSincePainStarted(duration, intake, now)).isEqualTo(expected);
		assertThat(Tailoring.weeksSincePainStarted(duration, now.minus(Duration.ofDays(7L * weeksAgo)), now)).isEqualTo(weeks);
	}

	@Test
	void theSciaticaStretchesSayToWarmUpFirstInBothLanguages() {
		for (var slug : List.of("hamstring-stretch", "childs-pose", "supine-glute-stretch", "seated-hamstring-stretch")) {
			assertThat(exercise(slug).safety()).as(slug).anyMatch(it -> it.startsWith("Warm up first"));
		}
	}

	@Test
	void birdDogStartsWithOneLimbAndThenLiftsTheOppositeArmAndLeg() {

		var steps = exercise("bird-dog").steps();
		var oneLimb = indexOf(steps, "one limb");
		var opposite = indexOf(steps, "opposite arm and leg");

		assertThat(oneLimb).isNotNegative().isLessThan(opposite);
		assertThat(steps).hasSizeLessThanOrEqualTo(6);
	}

	private static int indexOf(List<String> steps, String words) {
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i).contains(words)) {
				return i;
			}
		}
		return -1;
	}
}
