package health.stride.programs.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Optional;

import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Phrase;

/**
 * The changes a button on the program editor makes to the form, before anything is saved: each
 * button sends its operation as {@code op}, e.g. {@code remove:1:2} removes the third exercise of
 * the second phase. Every operation answers with the changed form and a phrase for the page's
 * status line.
 */
final class ProgramEdits {

	private ProgramEdits() {}

	/** The form after a button, and what the button did. */
	record Edit(ProgramForm form, Phrase status) {}

	/** Applies the operation to the form and says what it did; an operation that no longer fits changes nothing. */
	static Edit apply(ProgramForm form, String op, ExerciseLibrary library, String newPhaseName) {
		var edit = change(form, op, library, newPhaseName);
		return new Edit(edit.form(), unsaved(edit.status()));
	}

	/** A button's change, and that nothing is kept until Save (unless the button changed nothing). */
	private static Phrase unsaved(Phrase status) {
		return switch (status.code()) {
			case "programs.editor.removed", "programs.editor.moved.up", "programs.editor.moved.down",
					"programs.editor.swapped", "programs.editor.added", "programs.editor.current",
					"programs.editor.phase-removed" -> Phrase.of("programs.editor.unsaved", status);
			default -> status;
		};
	}

	private static Edit change(ProgramForm form, String op, ExerciseLibrary library, String newPhaseName) {

		var parts = op.split(":");
		try {
			return switch (parts[0]) {
				case "remove" -> {
					var p = Integer.parseInt(parts[1]);
					var lines = new ArrayList<>(form.phases().get(p).exercises());
					var line = lines.remove(Integer.parseInt(parts[2]));
					yield new Edit(form.withPhase(p, form.phases().get(p).withExercises(lines)),
							Phrase.of("programs.editor.removed", name(library, line.slug())));
				}
				case "up", "down" -> {
					var p = Integer.parseInt(parts[1]);
					var lines = new ArrayList<>(form.phases().get(p).exercises());
					var from = Integer.parseInt(parts[2]);
					var to = parts[0].equals("up") ? from - 1 : from + 1;
					if (to < 0 || to >= lines.size()) {
						yield new Edit(form, Phrase.of(to < 0 ? "programs.editor.already-first" : "programs.editor.already-last"));
					}
					Collections.swap(lines, from, to);
					yield new Edit(form.withPhase(p, form.phases().get(p).withExercises(lines)),
							Phrase.of("programs.editor.moved." + parts[0], name(library, lines.get(to).slug())));
				}
				case "swap" -> {
					var p = Integer.parseInt(parts[1]);
					var lines = new ArrayList<>(form.phases().get(p).exercises());
					var index = Integer.parseInt(parts[2]);
					var old = lines.get(index);
					var replacement = find(library, parts.length > 3 ? parts[3] : old.swapTo());
					if (replacement.isEmpty()) {
						yield new Edit(form, Phrase.of("programs.editor.swap-choose", name(library, old.slug())));
					}
					lines.set(index, ProgramForm.LineForm.of(replacement.get()));
					yield new Edit(form.withPhase(p, form.phases().get(p).withExercises(lines)),
							Phrase.of("programs.editor.swapped", name(library, old.slug()), replacement.get().name()));
				}
				case "add" -> {
					var p = Integer.parseInt(parts[1]);
					var phase = form.phases().get(p);
					var exercise = find(library, phase.add());
					if (exercise.isEmpty()) {
						yield new Edit(form, Phrase.of("programs.editor.add-choose"));
					}
					var lines = new ArrayList<>(phase.exercises());
					lines.add(ProgramForm.LineForm.of(exercise.get()));
					yield new Edit(form.withPhase(p, phase.withExercises(lines).withAdd("")),
							Phrase.of("programs.editor.added", exercise.get().name()));
				}
				case "current" -> {
					var index = Integer.parseInt(parts[1]);
					var phase = form.phases().get(index);
					yield new Edit(form.withCurrent(index), Phrase.of("programs.editor.current", phase.name()));
				}
				case "add-phase" -> {
					var phases = new ArrayList<>(form.phases());
					phases.add(ProgramForm.PhaseForm.named(newPhaseName));
					yield new Edit(form.withPhases(phases), Phrase.of("programs.editor.phase-added"));
				}
				case "remove-phase" -> {
					var phases = new ArrayList<>(form.phases());
					var removed = phases.remove(Integer.parseInt(parts[1]));
					yield new Edit(form.withPhases(phases), Phrase.of("programs.editor.phase-removed", removed.name()));
				}
				default -> new Edit(form, Phrase.of("programs.editor.nothing"));
			};
		} catch (IndexOutOfBoundsException | NumberFormatException stale) {
			return new Edit(form, Phrase.of("programs.editor.stale"));
		}
	}

	private static Optional<Exercise> find(ExerciseLibrary library, String slug) {
		return slug.isBlank() ? Optional.empty() : library.find(slug);
	}

	private static String name(ExerciseLibrary library, String slug) {
		return library.find(slug).map(Exercise::name).orElse(slug);
	}
}
