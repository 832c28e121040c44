package health.stride.programs.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import health.stride.platform.validation.FieldErrors;

import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Side;

/** A clinic's own exercise as typed on its form: steps and safety cues one a line. */
public class ExerciseForm {

	private String name = "";
	private String region = "low-back";
	private String position = "SUPINE";
	private String equipment = "NONE";
	private String kind = "MOBILITY";
	private DosingFields dosing = DosingFields.of(new Dosing(1, 10, null, null, Side.BOTH, 1, 7, 30, null));
	private String steps = "";
	private String safety = "";
	private List<String> tags = new ArrayList<>();
	private String regression = "";
	private String progression = "";

	static ExerciseForm of(Exercise exercise) {
		var form = new ExerciseForm();
		form.name = exercise.name();
		form.region = exercise.region();
		form.position = exercise.position();
		form.equipment = exercise.equipment();
		form.kind = exercise.kind();
		form.dosing = DosingFields.of(exercise.dosing());
		form.steps = String.join("\n", exercise.steps());
		form.safety = String.join("\n", exercise.safety());
		form.tags = new ArrayList<>(exercise.sortedTags());
		form.regression = exercise.regression() == null ? "" : exercise.regression();
		form.progression = exercise.progression() == null ? "" : exercise.progression();
		return form;
	}

	/** The exercise, or null with the problems in {@code errors} as message codes of the programs bundle. */
	ExerciseLibrary.@Nullable NewExercise exercise(FieldErrors errors) {
		if (name.isBlank() || name.strip().length() > 80 || !name.matches("(?s).*[A-Za-z0-9].*")) {
			errors.reject("name", "programs.exercise-form.error.name");
		}
		choose(region, ExerciseLibrary.REGIONS, "region", "programs.exercise-form.error.region", errors);
		choose(position, ExerciseLibrary.POSITIONS, "position", "programs.exercise-form.error.position", errors);
		choose(equipment, ExerciseLibrary.EQUIPMENT, "equipment", "programs.exercise-form.error.equipment", errors);
		choose(kind, ExerciseLibrary.KINDS, "kind", "programs.exercise-form.error.kind", errors);
		var prescribed = dosing.line().prescribed("dosing.", errors);
		var steps = lines(this.steps);
		if (steps.isEmpty() || steps.size() > 12 || steps.stream().anyMatch(it -> it.length() > 300)) {
			errors.reject("steps", "programs.exercise-form.error.steps");
		}
		var safety = lines(this.safety);
		if (safety.size() > 8 || safety.stream().anyMatch(it -> it.length() > 300)) {
			errors.reject("safety", "programs.exercise-form.error.safety");
		}
		if (!ExerciseLibrary.TAGS.containsAll(tags)) {
			errors.reject("tags", "programs.exercise-form.error.tags");
		}
		if (!errors.isEmpty() || prescribed == null) {
			return null;
		}
		return new ExerciseLibrary.NewExercise(name.strip(), region, position, equipment, kind, prescribed.dosing(),
				steps, safety, new java.util.HashSet<>(tags), regression.isBlank() ? null : regression,
				progression.isBlank() ? null : progression);
	}

	private static void choose(String value, List<String> allowed, String field, String code,
			FieldErrors errors) {
		if (!allowed.contains(value)) {
			errors.reject(field, code);
		}
	}

	private static List<String> lines(String text) {
		return Arrays.stream(text.split("\\R")).map(String::strip).filter(it -> !it.isEmpty()).toList();
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getRegion() {
		return region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	public String getPosition() {
		return position;
	}

	public void setPosition(String position) {
		this.position = position;
	}

	public String getEquipment() {
		return equipment;
	}

	public void setEquipment(String equipment) {
		this.equipment = equipment;
	}

	public String getKind() {
		return kind;
	}

	public void setKind(String kind) {
		this.kind = kind;
	}

	/** The dosing fields as typed, bound one by one as {@code dosing.sets}. */
	public static class DosingFields {

		private String sets = "";
		private String reps = "";
		private String durationSeconds = "";
		private String holdSeconds = "";
		private String side = "BOTH";
		private String timesPerDay = "";
		private String daysPerWeek = "";
		private String restSeconds = "";

		static DosingFields of(Dosing dosing) {
			var line = ProgramForm.LineForm.of("", dosing);
			var fields = new DosingFields();
			fields.sets = line.sets();
			fields.reps = line.reps();
			fields.durationSeconds = line.durationSeconds();
			fields.holdSeconds = line.holdSeconds();
			fields.side = line.side();
			fields.timesPerDay = line.timesPerDay();
			fields.daysPerWeek = line.daysPerWeek();
			fields.restSeconds = line.restSeconds();
			return fields;
		}

		ProgramForm.LineForm line() {
			return new ProgramForm.LineForm("custom", sets, reps, durationSeconds, holdSeconds, side, timesPerDay,
					daysPerWeek, restSeconds, "", "");
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
	}

	public DosingFields getDosing() {
		return dosing;
	}

	public void setDosing(DosingFields dosing) {
		this.dosing = dosing;
	}

	public String getSteps() {
		return steps;
	}

	public void setSteps(String steps) {
		this.steps = steps;
	}

	public String getSafety() {
		return safety;
	}

	public void setSafety(String safety) {
		this.safety = safety;
	}

	public List<String> getTags() {
		return tags;
	}

	public void setTags(List<String> tags) {
		this.tags = tags;
	}

	public String getRegression() {
		return regression;
	}

	public void setRegression(String regression) {
		this.regression = regression;
	}

	public String getProgression() {
		return progression;
	}

	public void setProgression(String progression) {
		this.progression = progression;
	}
}
