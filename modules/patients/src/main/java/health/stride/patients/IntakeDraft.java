package health.stride.patients;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The intake as far as the patient got: the answers saved so far and the step to continue with.
 * {@code nextStep} is past {@link IntakeStep#LAST} once the intake is complete.
 */
public record IntakeDraft(int nextStep, @Nullable Instant completedAt, Set<PainRegion> painRegions,
		@Nullable Integer painNow, @Nullable PainDuration painDuration, Set<Aggravator> worseWith,
		Set<Diagnosis> diagnoses, @Nullable String goals, List<PsfsItem> psfs, Set<RedFlag> redFlags) {

	public static IntakeDraft empty() {
		return new IntakeDraft(IntakeStep.FIRST, null, Set.of(), null, null, Set.of(), Set.of(), null, List.of(),
				Set.of());
	}

	public boolean completed() {
		return completedAt != null;
	}

	@Override
	public String toString() {
		return "IntakeDraft[nextStep=" + nextStep + "]"; // health information stays out of logs
	}
}
