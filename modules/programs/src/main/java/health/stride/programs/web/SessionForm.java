package health.stride.programs.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import health.stride.programs.Sessions;

/** The session page's form as typed: numbers stay text until checked, so a mistake comes back as it was. */
public class SessionForm {

	private String idempotencyKey = "";
	private String painBefore = "";
	private String painAfter = "";
	private String symptomShift = "";
	private String effort = "";
	private String walkingMinutes = "";
	private List<Line> exercises = new ArrayList<>();

	/** One exercise: done (with the sets and repetitions) or skipped (with why). */
	public static class Line {

		private String exerciseSlug = "";
		private String status = "done";
		private String setsDone = "";
		private String repsDone = "";
		private String skipReason = "";

		public String getExerciseSlug() {
			return exerciseSlug;
		}

		public void setExerciseSlug(String exerciseSlug) {
			this.exerciseSlug = exerciseSlug;
		}

		public String getStatus() {
			return status;
		}

		public void setStatus(String status) {
			this.status = status;
		}

		public String getSetsDone() {
			return setsDone;
		}

		public void setSetsDone(String setsDone) {
			this.setsDone = setsDone;
		}

		public String getRepsDone() {
			return repsDone;
		}

		public void setRepsDone(String repsDone) {
			this.repsDone = repsDone;
		}

		public String getSkipReason() {
			return skipReason;
		}

		public void setSkipReason(String skipReason) {
			this.skipReason = skipReason;
		}
	}

	/** The form as the sessions service takes it; a field that is not a number becomes one out of range. */
	Sessions.Input input() {
		var lines = exercises.stream().map(line -> {
			var skipped = line.status.equals("skipped");
			return new Sessions.ExerciseInput(line.exerciseSlug, skipped ? 0 : number(line.setsDone),
					skipped || line.repsDone.isBlank() ? null : number(line.repsDone), skipped,
					skipped ? line.skipReason : null);
		}).toList();
		return new Sessions.Input(idempotencyKey, null, number(painBefore), number(painAfter), symptomShift,
				effort.isBlank() ? null : effort, walkingMinutes.isBlank() ? null : number(walkingMinutes), lines);
	}

	private static @Nullable Integer number(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return Integer.parseInt(text.strip());
		} catch (NumberFormatException notANumber) {
			return -1;
		}
	}

	public String getIdempotencyKey() {
		return idempotencyKey;
	}

	public void setIdempotencyKey(String idempotencyKey) {
		this.idempotencyKey = idempotencyKey;
	}

	public String getPainBefore() {
		return painBefore;
	}

	public void setPainBefore(String painBefore) {
		this.painBefore = painBefore;
	}

	public String getPainAfter() {
		return painAfter;
	}

	public void setPainAfter(String painAfter) {
		this.painAfter = painAfter;
	}

	public String getSymptomShift() {
		return symptomShift;
	}

	public void setSymptomShift(String symptomShift) {
		this.symptomShift = symptomShift;
	}

	public String getEffort() {
		return effort;
	}

	public void setEffort(String effort) {
		this.effort = effort;
	}

	public String getWalkingMinutes() {
		return walkingMinutes;
	}

	public void setWalkingMinutes(String walkingMinutes) {
		this.walkingMinutes = walkingMinutes;
	}

	public List<Line> getExercises() {
		return exercises;
	}

	public void setExercises(List<Line> exercises) {
		this.exercises = exercises;
	}
}
