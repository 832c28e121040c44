package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The words a plan version's change is described in. */
class PlanDiffTests {

	static final Map<String, String> NAMES = Map.of("glute-bridge", "Glute Bridge", "prone-press-up", "Prone Press Up",
			"clamshell", "Clamshell", "pelvic-tilt", "Pelvic Tilt");

	static ProgramTemplate.Prescribed line(String slug, int sets, int reps, Side side) {
		return new ProgramTemplate.Prescribed(slug, new Dosing(sets, reps, null, null, side, 1, 7, 30, null));
	}

	@Test
	void describesChangedRemovedAndAddedExercises() {

		var before = List.of(line("glute-bridge", 2, 10, Side.BOTH), line("prone-press-up", 1, 10, Side.BOTH));
		var after = List.of(line("glute-bridge", 2, 12, Side.BOTH), line("clamshell", 2, 12, Side.EACH));

		assertThat(PlanDiff.between(before, after, NAMES::get))
				.isEqualTo("Glute Bridge: reps 10 → 12; added Clamshell 2×12 each side; removed Prone Press Up");
	}

	@Test
	void describesSeveralFieldsANoteAndANewOrder() {

		var before = List.of(line("pelvic-tilt", 1, 10, Side.BOTH), line("glute-bridge", 2, 10, Side.BOTH));
		var noted = new ProgramTemplate.Prescribed("pelvic-tilt", new Dosing(2, 10, null, 5, Side.BOTH, 1, 7, 30, "Slowly."));

		assertThat(PlanDiff.between(before, List.of(line("glute-bridge", 2, 10, Side.BOTH), noted), NAMES::get))
				.isEqualTo("Pelvic Tilt: sets 1 → 2, hold none → 5, new note; new order");
	}

	@Test
	void saysNothingWhenNothingChanged() {
		var same = List.of(line("pelvic-tilt", 1, 10, Side.BOTH));
		assertThat(PlanDiff.between(same, same, NAMES::get)).isEmpty();
	}
}
