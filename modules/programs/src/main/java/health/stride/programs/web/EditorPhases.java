package health.stride.programs.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;

import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.internal.Tailoring;

/** The phases of a program editor's form as the page shows them: names, warnings, alternatives and errors. */
final class EditorPhases {

	private EditorPhases() {}

	/**
	 * One exercise of a phase on the page: its form fields, name, warning (in the reader's words) with
	 * the exercises suggested instead, what it may be swapped for, and its fields' errors.
	 */
	record Line(int index, ProgramForm.LineForm form, String name, @Nullable String warning, List<Exercise> suggestions,
			List<Exercise> alternatives, Map<String, String> errors) {}

	record Phase(int index, String name, @Nullable String advanceWhen, boolean current, ProgramForm.PhaseForm form,
			List<Line> lines) {}

	static List<Phase> of(ProgramForm form, Tailoring.Facts facts, Map<String, String> errors, ExerciseLibrary library,
			Tailoring tailoring, MessageSource messages, Locale locale) {

		var phases = new ArrayList<Phase>();
		for (int p = 0; p < form.phases().size(); p++) {
			var phase = form.phases().get(p);
			var slugs = phase.exercises().stream().map(ProgramForm.LineForm::slug).toList();
			var warnings = tailoring.warnings(facts, slugs);
			var inPhase = Set.copyOf(slugs);
			var lines = new ArrayList<Line>();
			for (int i = 0; i < phase.exercises().size(); i++) {
				var line = phase.exercises().get(i);
				var warning = warnings.get(line.slug());
				lines.add(new Line(i, line, library.find(line.slug()).map(Exercise::name).orElse(line.slug()),
						warning == null ? null : warning.text().in(messages, locale),
						warning == null ? List.of() : warning.suggestions(),
						tailoring.alternatives(line.slug(), facts, inPhase),
						errorsOf(errors, "phases[" + p + "].exercises[" + i + "].")));
			}
			phases.add(new Phase(p, phase.name(), phase.advanceWhen().isBlank() ? null : phase.advanceWhen(),
					p == form.currentPhase(), phase, lines));
		}
		return phases;
	}

	/** The binding result's errors in the reader's words, by field ({@code ""} for the whole form), the first of each. */
	static Map<String, String> errors(BindingResult binding, MessageSource messages, Locale locale) {
		var errors = new LinkedHashMap<String, String>();
		binding.getGlobalErrors().forEach(it -> errors.putIfAbsent("", messages.getMessage(it, locale)));
		binding.getFieldErrors().forEach(it -> errors.putIfAbsent(it.getField(), messages.getMessage(it, locale)));
		return errors;
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
