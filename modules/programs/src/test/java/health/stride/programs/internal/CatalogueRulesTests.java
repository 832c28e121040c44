package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

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
}
