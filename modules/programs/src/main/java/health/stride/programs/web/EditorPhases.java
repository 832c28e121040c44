package health.stride.programs.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Tailoring;

/** The phases of a program editor's form as the page shows them: names, warnings, alternatives and errors. */
final class EditorPhases {

	private EditorPhases() {}

	/** One exercise of a phase on the page: its form fields, name, warning and what it may be swapped for. */
	record Line(int index, ProgramForm.LineForm form, String name, Tailoring.@Nullable Warning warning,
			List<Exercise> alternatives, Map<String, String> errors) {}

	record Phase(int index, String name, @Nullable String advanceWhen, boolean current, ProgramForm.PhaseForm form,
			List<Line> lines) {}

	static List<Phase> of(ProgramForm form, Tailoring.Facts facts, Map<String, String> errors, ExerciseLibrary library,
			Tailoring tailoring) {

		var phases = new ArrayList<Phase>();
		for (int p = 0; p < form.getPhases().size(); p++) {
			var phase = form.getPhases().get(p);
			var slugs = phase.getExercises().stream().map(ProgramForm.LineForm::getSlug).toList();
			var warnings = tailoring.warnings(facts, slugs);
			var inPhase = Set.copyOf(slugs);
			var lines = new ArrayList<Line>();
			for (int i = 0; i < phase.getExercises().size(); i++) {
				var line = phase.getExercises().get(i);
				lines.add(new Line(i, line, library.find(line.getSlug()).map(Exercise::name).orElse(line.getSlug()),
						warnings.get(line.getSlug()), tailoring.alternatives(line.getSlug(), facts, inPhase),
						errorsOf(errors, "phases[" + p + "].exercises[" + i + "].")));
			}
			phases.add(new Phase(p, phase.getName(), phase.getAdvanceWhen().isBlank() ? null : phase.getAdvanceWhen(),
					p == form.getCurrent(), phase, lines));
		}
		return phases;
	}

	/** The errors of one part of a form, by the field's own name ("sets"). */
	static Map<String, String> errorsOf(Map<String, String> errors, String prefix) {
		var mine = new HashMap<String, String>();
		errors.forEach((field, message) -> {
			if (field.startsWith(prefix)) {
				mine.put(field.substring(prefix.length()), message);
			}
		});
		return mine;
	}
}
