package health.stride.programs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.TenantId;

/** A patient's own plan: phases of prescribed exercises (one current), a walking target, its version. */
public record Plan(UUID id, PatientId patient, String name, List<ProgramTemplate.Phase> phases, int currentPhase,
		ProgramTemplate.@Nullable Walking walking, long version, String assignedBy, Instant assignedAt) {

	public Plan {
		phases = List.copyOf(phases);
	}

	/** How many days a week the current phase asks for: its most frequent exercise's. */
	public int daysPerWeek() {
		return phase().exercises().stream().mapToInt(it -> it.dosing().daysPerWeek()).max().orElse(0);
	}

	public ProgramTemplate.Phase phase() {
		return phases.get(Math.min(currentPhase, phases.size() - 1));
	}

	/**
	 * The plan's next version, what changed in words, and the event that announces it; nothing is
	 * stored until {@code Plans} saves it.
	 */
	public record Tailored(Plan plan, List<Phrase> changes, ProgramTailored event) {

		public Tailored {
			changes = List.copyOf(changes);
		}

		public boolean changedAnything() {
			return !changes.isEmpty();
		}
	}

	/**
	 * This plan with other exercises in its phases (they keep their names, conditions and order) and
	 * the patient in another phase: a new version described in words, and its event. Unchanged, the
	 * plan describes no change.
	 *
	 * @param exercises the exercises of every phase, in the plan's order of phases
	 * @param names an exercise's name by its slug, for the description
	 * @throws IllegalArgumentException for another number of phases, an empty phase or a phase the plan does not have
	 */
	public Tailored tailor(List<List<ProgramTemplate.Prescribed>> exercises, int current, Function<String, String> names,
			TenantId clinic) {

		if (exercises.size() != phases.size()) {
			throw new IllegalArgumentException("The plan has " + phases.size() + " phases.");
		}
		if (current < 0 || current >= phases.size()) {
			throw new IllegalArgumentException("The plan has phases 0 to " + (phases.size() - 1) + ".");
		}
		if (exercises.stream().anyMatch(List::isEmpty)) {
			throw new IllegalArgumentException("A phase has at least one exercise.");
		}
		var next = new ArrayList<ProgramTemplate.Phase>();
		var changes = new ArrayList<Phrase>();
		for (int i = 0; i < exercises.size(); i++) {
			var before = phases.get(i);
			next.add(new ProgramTemplate.Phase(before.name(), before.advanceWhen(), exercises.get(i)));
			for (var change : PlanDiff.changes(before.exercises(), exercises.get(i), names)) {
				changes.add(i == currentPhase ? change : Phrase.of("programs.plan.change.in-phase", change, before.name()));
			}
		}
		if (current != currentPhase) {
			changes.add(Phrase.of("programs.plan.change.moved", next.get(current).name()));
		}
		if (changes.isEmpty()) {
			return new Tailored(this, List.of(), new ProgramTailored(clinic, patient, id, version));
		}
		var tailored = new Plan(id, patient, name, next, current, walking, version + 1, assignedBy, assignedAt);
		return new Tailored(tailored, changes, new ProgramTailored(clinic, patient, id, version + 1));
	}
}
