package health.stride.programs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.patients.TimeWindow;

/**
 * The walks patients log on their own, outside a session: how long, where, the pain before and after and
 * where it went. A walk flares by the sessions' rule ({@link ExerciseSession#isFlare}) and is announced as a
 * session's flare is ({@link PainFlareReported}, with the walk's id).
 */
public interface Walks {

	enum Surface {
		FLAT, HILLS, TREADMILL, POOL
	}

	/**
	 * A walk the patient logged: the pain before and after it, where the pain went, and whether that was a
	 * flare. Walks logged before the pain before was asked have none, nor a shift.
	 */
	record Walk(UUID id, PatientId patient, Instant walkedAt, int minutes, Surface surface, @Nullable Integer painBefore,
			int painAfter, @Nullable SymptomShift symptomShift, boolean flare) {}

	/**
	 * Logs a walk, now; the same key again finds the first walk. One that flares is announced.
	 *
	 * @throws health.stride.platform.validation.InvalidInput for missing or impossible fields
	 * @throws Sessions.OnHold while a red flag holds the patient's exercise
	 */
	Walk log(PatientId patient, @Nullable String key, @Nullable Integer minutes, @Nullable String surface,
			@Nullable Integer painBefore, @Nullable Integer painAfter, @Nullable String symptomShift);

	/** The walks of the window's patients within it, in its order (by {@code walkedAt}, ties by id), at most its limit. */
	List<Walk> inOrder(TimeWindow window);

	/** The walk with this id, if the current clinic has it. */
	Optional<Walk> find(UUID walk);
}
