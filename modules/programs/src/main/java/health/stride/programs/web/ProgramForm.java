package health.stride.programs.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import health.stride.platform.validation.FieldErrors;
import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.Side;

/**
 * A program being edited on a page: phases of exercises with every dosing field as typed, so a
 * form with mistakes comes back as the therapist left it. Shared by the plan tailoring page and
 * the template editor; the fields of a template alone (name, description, walking) are left empty
 * for a plan and checked only for a template ({@link Template}). Bound from the whole form on every
 * button (Spring MVC builds the nested lists from {@code phases[0].exercises[1].sets}); a button
 * gives back a changed copy.
 */
record ProgramForm(@Nullable Long version, @Nullable Integer current,
		@NotBlank(groups = Template.class, message = "{programs.template.name.required}")
		@Size(max = 80, groups = Template.class, message = "{programs.template.name.required}") String name,
		@Size(max = 500, groups = Template.class, message = "{programs.template.description.too-long}") String description,
		String walkingMinutes, String walkingSessions, String walkingDays, String walkingGoal,
		@Size(max = 300, groups = Template.class, message = "{programs.template.walking.note.too-long}") String walkingNote,
		@Valid List<PhaseForm> phases) {

	/** The checks of a template's own fields, beside those of the phases' exercises. */
	interface Template {}

	ProgramForm {
		name = text(name);
		description = text(description);
		walkingMinutes = text(walkingMinutes);
		walkingSessions = text(walkingSessions);
		walkingDays = text(walkingDays);
		walkingGoal = text(walkingGoal);
		walkingNote = text(walkingNote);
		phases = phases == null ? List.of() : phases.stream().filter(Objects::nonNull).toList();
	}

	static ProgramForm of(List<ProgramTemplate.Phase> phases, int current, long version) {
		return new ProgramForm(version, current, "", "", "", "", "", "", "",
				phases.stream().map(PhaseForm::of).toList());
	}

	static ProgramForm of(ProgramTemplate template) {
		var walking = template.walking();
		return new ProgramForm(template.version(), 0, template.name(), template.description(),
				walking == null ? "" : String.valueOf(walking.minutesPerSession()),
				walking == null ? "" : String.valueOf(walking.sessionsPerDay()),
				walking == null ? "" : String.valueOf(walking.daysPerWeek()),
				walking == null ? "" : String.valueOf(walking.goalMinutes()),
				walking == null || walking.note() == null ? "" : walking.note(),
				template.phases().stream().map(PhaseForm::of).toList());
	}

	/** An empty template with one phase, named by the page in the reader's language. */
	static ProgramForm empty(String firstPhase) {
		return new ProgramForm(0L, 0, "", "", "", "", "", "", "", List.of(PhaseForm.named(firstPhase)));
	}

	public int currentPhase() {
		return current == null ? 0 : current;
	}

	ProgramForm withVersion(long version) {
		return new ProgramForm(version, current, name, description, walkingMinutes, walkingSessions, walkingDays,
				walkingGoal, walkingNote, phases);
	}

	ProgramForm withName(String name) {
		return new ProgramForm(version, current, name, description, walkingMinutes, walkingSessions, walkingDays,
				walkingGoal, walkingNote, phases);
	}

	ProgramForm withCurrent(int current) {
		return new ProgramForm(version, current, name, description, walkingMinutes, walkingSessions, walkingDays,
				walkingGoal, walkingNote, phases);
	}

	ProgramForm withPhases(List<PhaseForm> phases) {
		return new ProgramForm(version, current, name, description, walkingMinutes, walkingSessions, walkingDays,
				walkingGoal, walkingNote, phases);
	}

	ProgramForm withPhase(int index, PhaseForm phase) {
		var changed = new ArrayList<>(phases);
		changed.set(index, phase);
		return withPhases(changed);
	}

	/** The exercises of every phase; the mistakes go to {@code errors} under the form's field names. */
	List<List<ProgramTemplate.Prescribed>> exercises(FieldErrors errors) {
		var all = new ArrayList<List<ProgramTemplate.Prescribed>>();
		for (int p = 0; p < phases.size(); p++) {
			var phase = phases.get(p);
			if (phase.exercises().isEmpty()) {
				errors.reject("phases[" + p + "].exercises", "programs.editor.phase.empty");
			}
			var prescribed = new ArrayList<ProgramTemplate.Prescribed>();
			for (int i = 0; i < phase.exercises().size(); i++) {
				var line = phase.exercises().get(i).prescribed("phases[" + p + "].exercises[" + i + "].", errors);
				if (line != null) {
					prescribed.add(line);
				}
			}
			all.add(prescribed);
		}
		return all;
	}

	/** The phases with their names and the conditions to move on, as a template keeps them. */
	List<ProgramTemplate.Phase> templatePhases(FieldErrors errors) {
		var exercises = exercises(errors);
		var result = new ArrayList<ProgramTemplate.Phase>();
		for (int p = 0; p < phases.size(); p++) {
			var phase = phases.get(p);
			result.add(new ProgramTemplate.Phase(phase.name().strip(),
					phase.advanceWhen().isBlank() ? null : phase.advanceWhen().strip(), exercises.get(p)));
		}
		if (phases.isEmpty()) {
			errors.reject("phases", "programs.template.phases.empty");
		}
		return result;
	}

	/** The walking target, if any of its fields is filled in. */
	ProgramTemplate.@Nullable Walking walking(FieldErrors errors) {
		if ((walkingMinutes + walkingSessions + walkingDays + walkingGoal + walkingNote).isBlank()) {
			return null;
		}
		var minutes = number(walkingMinutes, 1, 120, "walkingMinutes", "programs.template.walking.minutes.range", errors);
		var sessions = number(walkingSessions, 1, 10, "walkingSessions", "programs.template.walking.sessions.range", errors);
		var days = number(walkingDays, 1, 7, "walkingDays", "programs.template.walking.days.range", errors);
		var goal = number(walkingGoal, 1, 240, "walkingGoal", "programs.template.walking.goal.range", errors);
		if (minutes == null || sessions == null || days == null || goal == null) {
			return null;
		}
		return new ProgramTemplate.Walking(minutes, sessions, days, goal,
				walkingNote.isBlank() ? null : walkingNote.strip());
	}

	private static @Nullable Integer number(String text, int min, int max, String field, String code,
			FieldErrors errors) {
		var value = parse(text);
		if (value != null && value >= min && value <= max) {
			return value;
		}
		errors.reject(field, code, min, max);
		return null;
	}

	/**
	 * A number as typed: none for an empty field; a text that is no number is outside every range,
	 * so the range's message says what is expected.
	 */
	static @Nullable Integer parse(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return Integer.parseInt(text.strip());
		} catch (NumberFormatException notANumber) {
			return Integer.MIN_VALUE;
		}
	}

	static String text(@Nullable String value) {
		return value == null ? "" : value;
	}

	/** One phase of the form: its exercises, and the exercise chosen to add. */
	record PhaseForm(
			@NotBlank(groups = Template.class, message = "{programs.template.phase.name.required}")
			@Size(max = 80, groups = Template.class, message = "{programs.template.phase.name.required}") String name,
			@Size(max = 300, groups = Template.class, message = "{programs.template.phase.advance-when.too-long}") String advanceWhen,
			List<LineForm> exercises, String add) {

		PhaseForm {
			name = text(name);
			advanceWhen = text(advanceWhen);
			exercises = exercises == null ? List.of() : exercises.stream().filter(Objects::nonNull).toList();
			add = text(add);
		}

		static PhaseForm of(ProgramTemplate.Phase phase) {
			return new PhaseForm(phase.name(), phase.advanceWhen(),
					phase.exercises().stream().map(it -> LineForm.of(it.slug(), it.dosing())).toList(), "");
		}

		static PhaseForm named(String name) {
			return new PhaseForm(name, "", List.of(), "");
		}

		PhaseForm withExercises(List<LineForm> exercises) {
			return new PhaseForm(name, advanceWhen, exercises, add);
		}

		PhaseForm withAdd(String add) {
			return new PhaseForm(name, advanceWhen, exercises, add);
		}
	}

	/** One prescribed exercise, its dosing fields as typed. */
	record LineForm(String slug, String sets, String reps, String durationSeconds, String holdSeconds, String side,
			String timesPerDay, String daysPerWeek, String restSeconds, String note, String swapTo) {

		LineForm {
			slug = text(slug);
			sets = text(sets);
			reps = text(reps);
			durationSeconds = text(durationSeconds);
			holdSeconds = text(holdSeconds);
			side = side == null || side.isBlank() ? Side.BOTH.name() : side;
			timesPerDay = text(timesPerDay);
			daysPerWeek = text(daysPerWeek);
			restSeconds = text(restSeconds);
			note = text(note);
			swapTo = text(swapTo);
		}

		static LineForm of(String slug, Dosing dosing) {
			return new LineForm(slug, String.valueOf(dosing.sets()), show(dosing.reps()), show(dosing.durationSeconds()),
					show(dosing.holdSeconds()), dosing.side().name(), String.valueOf(dosing.timesPerDay()),
					String.valueOf(dosing.daysPerWeek()), String.valueOf(dosing.restSeconds()),
					dosing.note() == null ? "" : dosing.note(), "");
		}

		/** The exercise with the library's usual dosing. */
		static LineForm of(Exercise exercise) {
			return of(exercise.slug(), exercise.dosing());
		}

		private static String show(@Nullable Integer value) {
			return value == null ? "" : String.valueOf(value);
		}

		/** The prescribed exercise, or null with the dosing's problems in {@code errors} (under {@code prefix}). */
		ProgramTemplate.@Nullable Prescribed prescribed(String prefix, FieldErrors errors) {
			var chosen = side.equals("BOTH") || side.equals("EACH") ? Side.valueOf(side) : null;
			var dosing = Dosing.of(prefix, parse(sets), parse(reps), parse(durationSeconds), parse(holdSeconds), chosen,
					parse(timesPerDay), parse(daysPerWeek), parse(restSeconds), note, errors);
			return dosing == null ? null : new ProgramTemplate.Prescribed(slug, dosing);
		}
	}
}
