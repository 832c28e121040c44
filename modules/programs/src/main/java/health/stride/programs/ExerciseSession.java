package health.stride.programs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;

/** A session the patient logged: each exercise done or skipped, pain before and after, where the symptoms went. */
public record ExerciseSession(UUID id, PatientId patient, Instant performedAt, int painBefore, int painAfter,
		SymptomShift symptomShift, @Nullable Effort effort, @Nullable Integer walkingMinutes, boolean flare,
		List<Done> exercises) {

	public ExerciseSession {
		exercises = List.copyOf(exercises);
	}

	/** One exercise of the session: the sets and repetitions done, or why it was skipped. */
	public record Done(String slug, int setsDone, @Nullable Integer repsDone, @Nullable SkipReason skipped) {}

	/**
	 * The clinic's rule for a pain flare: after-pain 2 or more points above before-pain, or pain
	 * spreading further down the leg.
	 */
	public static boolean isFlare(int painBefore, int painAfter, SymptomShift shift) {
		return painAfter >= painBefore + 2 || shift == SymptomShift.PERIPHERALIZING;
	}

	public long skippedCount() {
		return exercises.stream().filter(it -> it.skipped() != null).count();
	}
}
