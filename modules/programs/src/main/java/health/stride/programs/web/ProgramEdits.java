package health.stride.programs.web;

import java.util.Collections;
import java.util.Optional;

import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;

/**
 * The changes a button on the program editor makes to the form, before anything is saved: each
 * button sends its operation as {@code op}, e.g. {@code remove:1:2} removes the third exercise of
 * the second phase. Every operation answers with a sentence for the page's status line.
 */
final class ProgramEdits {

	private ProgramEdits() {}

	static final String UNSAVED = " Save to keep the change.";

	/** Applies the operation to the form and says what it did; an operation that no longer fits changes nothing. */
	static String apply(ProgramForm form, String op, ExerciseLibrary library) {

		var parts = op.split(":");
		try {
			return switch (parts[0]) {
				case "remove" -> {
					var phase = phase(form, parts[1]);
					var line = phase.getExercises().remove(Integer.parseInt(parts[2]));
					yield "Removed " + name(library, line.getSlug()) + "." + UNSAVED;
				}
				case "up", "down" -> {
					var lines = phase(form, parts[1]).getExercises();
					var from = Integer.parseInt(parts[2]);
					var to = parts[0].equals("up") ? from - 1 : from + 1;
					if (to < 0 || to >= lines.size()) {
						yield "That exercise is already " + (to < 0 ? "first." : "last.");
					}
					Collections.swap(lines, from, to);
					yield "Moved " + name(library, lines.get(to).getSlug()) + " " + parts[0] + "." + UNSAVED;
				}
				case "swap" -> {
					var lines = phase(form, parts[1]).getExercises();
					var index = Integer.parseInt(parts[2]);
					var old = lines.get(index);
					var slug = parts.length > 3 ? parts[3] : old.getSwapTo();
					var replacement = find(library, slug);
					if (replacement.isEmpty()) {
						yield "Choose the exercise to swap " + name(library, old.getSlug()) + " for.";
					}
					lines.set(index, ProgramForm.LineForm.of(replacement.get()));
					yield "Swapped " + name(library, old.getSlug()) + " for " + replacement.get().name()
							+ " at its usual dose." + UNSAVED;
				}
				case "add" -> {
					var phase = phase(form, parts[1]);
					var exercise = find(library, phase.getAdd());
					if (exercise.isEmpty()) {
						yield "Choose an exercise from the library to add.";
					}
					phase.getExercises().add(ProgramForm.LineForm.of(exercise.get()));
					phase.setAdd("");
					yield "Added " + exercise.get().name() + " at its usual dose." + UNSAVED;
				}
				case "current" -> {
					var index = Integer.parseInt(parts[1]);
					var phase = form.getPhases().get(index);
					form.setCurrent(index);
					yield "The patient will be in “" + phase.getName() + "”." + UNSAVED;
				}
				case "add-phase" -> {
					var phase = new ProgramForm.PhaseForm();
					phase.setName("Phase " + (form.getPhases().size() + 1));
					form.getPhases().add(phase);
					yield "Added a phase: name it and add its exercises.";
				}
				case "remove-phase" -> {
					var removed = form.getPhases().remove(Integer.parseInt(parts[1]));
					yield "Removed the phase “" + removed.getName() + "”." + UNSAVED;
				}
				default -> "Nothing changed.";
			};
		} catch (IndexOutOfBoundsException | NumberFormatException stale) {
			return "Nothing changed: that part of the form is no longer there.";
		}
	}

	private static ProgramForm.PhaseForm phase(ProgramForm form, String index) {
		return form.getPhases().get(Integer.parseInt(index));
	}

	private static Optional<Exercise> find(ExerciseLibrary library, String slug) {
		return slug.isBlank() ? Optional.empty() : library.find(slug);
	}

	private static String name(ExerciseLibrary library, String slug) {
		return library.find(slug).map(Exercise::name).orElse(slug);
	}
}
