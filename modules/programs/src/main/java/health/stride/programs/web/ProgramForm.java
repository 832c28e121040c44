package health.stride.programs.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.Side;

/**
 * A program being edited on a page: phases of exercises with every dosing field as typed, so a
 * form with mistakes comes back as the therapist left it. Shared by the plan tailoring page and
 * the template editor; the fields of a template alone (name, description, walking) are left empty
 * for a plan.
 */
public class ProgramForm {

	private @Nullable Long version;
	private int current;
	private String name = "";
	private String description = "";
	private String walkingMinutes = "";
	private String walkingSessions = "";
	private String walkingDays = "";
	private String walkingGoal = "";
	private String walkingNote = "";
	private List<PhaseForm> phases = new ArrayList<>();

	static ProgramForm of(List<ProgramTemplate.Phase> phases, int current, long version) {
		var form = new ProgramForm();
		form.version = version;
		form.current = current;
		phases.forEach(phase -> form.phases.add(PhaseForm.of(phase)));
		return form;
	}

	static ProgramForm of(ProgramTemplate template) {
		var form = of(template.phases(), 0, template.version());
		form.name = template.name();
		form.description = template.description();
		var walking = template.walking();
		if (walking != null) {
			form.walkingMinutes = String.valueOf(walking.minutesPerSession());
			form.walkingSessions = String.valueOf(walking.sessionsPerDay());
			form.walkingDays = String.valueOf(walking.daysPerWeek());
			form.walkingGoal = String.valueOf(walking.goalMinutes());
			form.walkingNote = walking.note() == null ? "" : walking.note();
		}
		return form;
	}

	/** What was wrong with the form, by the name of the field. */
	static final class Errors {

		private final Map<String, String> messages = new LinkedHashMap<>();

		void reject(String field, String message) {
			messages.putIfAbsent(field, message);
		}

		boolean any() {
			return !messages.isEmpty();
		}

		Map<String, String> messages() {
			return messages;
		}
	}

	/** The exercises of every phase, or the mistakes in {@code errors}. */
	List<List<ProgramTemplate.Prescribed>> exercises(Errors errors) {
		var all = new ArrayList<List<ProgramTemplate.Prescribed>>();
		for (int p = 0; p < phases.size(); p++) {
			var phase = phases.get(p);
			if (phase.getExercises().isEmpty()) {
				errors.reject("phases[" + p + "].exercises", "Add at least one exercise to this phase.");
			}
			var prescribed = new ArrayList<ProgramTemplate.Prescribed>();
			for (int i = 0; i < phase.getExercises().size(); i++) {
				var line = phase.getExercises().get(i).prescribed("phases[" + p + "].exercises[" + i + "].", errors);
				if (line != null) {
					prescribed.add(line);
				}
			}
			all.add(prescribed);
		}
		return all;
	}

	/** The phases with their names and the conditions to move on, as a template keeps them. */
	List<ProgramTemplate.Phase> templatePhases(Errors errors) {
		var exercises = exercises(errors);
		var result = new ArrayList<ProgramTemplate.Phase>();
		for (int p = 0; p < phases.size(); p++) {
			var phase = phases.get(p);
			if (phase.getName().isBlank() || phase.getName().strip().length() > 80) {
				errors.reject("phases[" + p + "].name", "Name the phase (up to 80 characters).");
			}
			if (phase.getAdvanceWhen().strip().length() > 300) {
				errors.reject("phases[" + p + "].advanceWhen", "Keep this under 300 characters.");
			}
			result.add(new ProgramTemplate.Phase(phase.getName().strip(),
					phase.getAdvanceWhen().isBlank() ? null : phase.getAdvanceWhen().strip(), exercises.get(p)));
		}
		if (phases.isEmpty()) {
			errors.reject("phases", "A template has at least one phase.");
		}
		return result;
	}

	/** The walking target, if any of its fields is filled in. */
	ProgramTemplate.@Nullable Walking walking(Errors errors) {
		if ((walkingMinutes + walkingSessions + walkingDays + walkingGoal + walkingNote).isBlank()) {
			return null;
		}
		var minutes = number(walkingMinutes, 1, 120, "walkingMinutes", "Minutes a walk: 1 to 120.", errors);
		var sessions = number(walkingSessions, 1, 10, "walkingSessions", "Walks a day: 1 to 10.", errors);
		var days = number(walkingDays, 1, 7, "walkingDays", "Days a week: 1 to 7.", errors);
		var goal = number(walkingGoal, 1, 240, "walkingGoal", "Goal in minutes: 1 to 240.", errors);
		if (walkingNote.strip().length() > 300) {
			errors.reject("walkingNote", "Keep the note under 300 characters.");
		}
		if (minutes == null || sessions == null || days == null || goal == null) {
			return null;
		}
		return new ProgramTemplate.Walking(minutes, sessions, days, goal,
				walkingNote.isBlank() ? null : walkingNote.strip());
	}

	static @Nullable Integer number(@Nullable String text, int min, int max, String field, String message,
			Errors errors) {
		try {
			var value = Integer.parseInt(text == null ? "" : text.strip());
			if (value >= min && value <= max) {
				return value;
			}
		} catch (NumberFormatException notANumber) {
			// the message below says what is expected
		}
		errors.reject(field, message);
		return null;
	}

	/** One phase of the form: its exercises, and the exercise chosen to add. */
	public static class PhaseForm {

		private String name = "";
		private String advanceWhen = "";
		private List<LineForm> exercises = new ArrayList<>();
		private String add = "";

		static PhaseForm of(ProgramTemplate.Phase phase) {
			var form = new PhaseForm();
			form.name = phase.name();
			form.advanceWhen = phase.advanceWhen() == null ? "" : phase.advanceWhen();
			phase.exercises().forEach(it -> form.exercises.add(LineForm.of(it.slug(), it.dosing())));
			return form;
		}

		public String getName() {
			return name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getAdvanceWhen() {
			return advanceWhen;
		}

		public void setAdvanceWhen(String advanceWhen) {
			this.advanceWhen = advanceWhen;
		}

		public List<LineForm> getExercises() {
			return exercises;
		}

		public void setExercises(List<LineForm> exercises) {
			this.exercises = exercises;
		}

		public String getAdd() {
			return add;
		}

		public void setAdd(String add) {
			this.add = add;
		}
	}

	/** One prescribed exercise, its dosing fields as typed. */
	public static class LineForm {

		private String slug = "";
		private String sets = "";
		private String reps = "";
		private String durationSeconds = "";
		private String holdSeconds = "";
		private String side = "BOTH";
		private String timesPerDay = "";
		private String daysPerWeek = "";
		private String restSeconds = "";
		private String note = "";
		private String swapTo = "";

		static LineForm of(String slug, Dosing dosing) {
			var line = new LineForm();
			line.slug = slug;
			line.sets = String.valueOf(dosing.sets());
			line.reps = text(dosing.reps());
			line.durationSeconds = text(dosing.durationSeconds());
			line.holdSeconds = text(dosing.holdSeconds());
			line.side = dosing.side().name();
			line.timesPerDay = String.valueOf(dosing.timesPerDay());
			line.daysPerWeek = String.valueOf(dosing.daysPerWeek());
			line.restSeconds = String.valueOf(dosing.restSeconds());
			line.note = dosing.note() == null ? "" : dosing.note();
			return line;
		}

		/** The exercise with the library's usual dosing. */
		static LineForm of(Exercise exercise) {
			return of(exercise.slug(), exercise.dosing());
		}

		private static String text(@Nullable Integer value) {
			return value == null ? "" : String.valueOf(value);
		}

		ProgramTemplate.@Nullable Prescribed prescribed(String prefix, Errors errors) {
			var before = errors.messages().size();
			var sets = number(this.sets, 1, 10, prefix + "sets", "Sets: 1 to 10.", errors);
			Integer reps = null, duration = null, hold = null;
			if (this.reps.isBlank() == this.durationSeconds.isBlank()) {
				errors.reject(prefix + "reps", "Give either repetitions or seconds, not both.");
			} else if (!this.reps.isBlank()) {
				reps = number(this.reps, 1, 100, prefix + "reps", "Repetitions: 1 to 100.", errors);
			} else {
				duration = number(this.durationSeconds, 1, 7200, prefix + "durationSeconds", "Seconds: 1 to 7200.", errors);
			}
			if (!this.holdSeconds.isBlank()) {
				hold = number(this.holdSeconds, 1, 600, prefix + "holdSeconds", "Hold: 1 to 600 seconds, or empty.", errors);
			}
			var times = number(timesPerDay, 1, 10, prefix + "timesPerDay", "Times a day: 1 to 10.", errors);
			var days = number(daysPerWeek, 1, 7, prefix + "daysPerWeek", "Days a week: 1 to 7.", errors);
			var rest = number(restSeconds, 0, 600, prefix + "restSeconds", "Rest: 0 to 600 seconds.", errors);
			if (!side.equals("BOTH") && !side.equals("EACH")) {
				errors.reject(prefix + "side", "Choose both sides together or each side.");
			}
			if (note.strip().length() > 500) {
				errors.reject(prefix + "note", "Keep the note under 500 characters.");
			}
			if (errors.messages().size() > before || sets == null || times == null || days == null || rest == null) {
				return null;
			}
			return new ProgramTemplate.Prescribed(slug, new Dosing(sets, reps, duration, hold, Side.valueOf(side), times,
					days, rest, note.isBlank() ? null : note.strip()));
		}

		public String getSlug() {
			return slug;
		}

		public void setSlug(String slug) {
			this.slug = slug;
		}

		public String getSets() {
			return sets;
		}

		public void setSets(String sets) {
			this.sets = sets;
		}

		public String getReps() {
			return reps;
		}

		public void setReps(String reps) {
			this.reps = reps;
		}

		public String getDurationSeconds() {
			return durationSeconds;
		}

		public void setDurationSeconds(String durationSeconds) {
			this.durationSeconds = durationSeconds;
		}

		public String getHoldSeconds() {
			return holdSeconds;
		}

		public void setHoldSeconds(String holdSeconds) {
			this.holdSeconds = holdSeconds;
		}

		public String getSide() {
			return side;
		}

		public void setSide(String side) {
			this.side = side;
		}

		public String getTimesPerDay() {
			return timesPerDay;
		}

		public void setTimesPerDay(String timesPerDay) {
			this.timesPerDay = timesPerDay;
		}

		public String getDaysPerWeek() {
			return daysPerWeek;
		}

		public void setDaysPerWeek(String daysPerWeek) {
			this.daysPerWeek = daysPerWeek;
		}

		public String getRestSeconds() {
			return restSeconds;
		}

		public void setRestSeconds(String restSeconds) {
			this.restSeconds = restSeconds;
		}

		public String getNote() {
			return note;
		}

		public void setNote(String note) {
			this.note = note;
		}

		public String getSwapTo() {
			return swapTo;
		}

		public void setSwapTo(String swapTo) {
			this.swapTo = swapTo;
		}
	}

	public @Nullable Long getVersion() {
		return version;
	}

	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

	public int getCurrent() {
		return current;
	}

	public void setCurrent(int current) {
		this.current = current;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public String getWalkingMinutes() {
		return walkingMinutes;
	}

	public void setWalkingMinutes(String walkingMinutes) {
		this.walkingMinutes = walkingMinutes;
	}

	public String getWalkingSessions() {
		return walkingSessions;
	}

	public void setWalkingSessions(String walkingSessions) {
		this.walkingSessions = walkingSessions;
	}

	public String getWalkingDays() {
		return walkingDays;
	}

	public void setWalkingDays(String walkingDays) {
		this.walkingDays = walkingDays;
	}

	public String getWalkingGoal() {
		return walkingGoal;
	}

	public void setWalkingGoal(String walkingGoal) {
		this.walkingGoal = walkingGoal;
	}

	public String getWalkingNote() {
		return walkingNote;
	}

	public void setWalkingNote(String walkingNote) {
		this.walkingNote = walkingNote;
	}

	public List<PhaseForm> getPhases() {
		return phases;
	}

	public void setPhases(List<PhaseForm> phases) {
		this.phases = phases;
	}
}
