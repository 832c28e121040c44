package health.stride.programs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.patients.TimeWindow;

/**
 * The exercise sessions patients log. A session is stored once per idempotency key, whatever the
 * retries; one that ends in a pain flare is announced as such, for the patient's guidance and the
 * care team's attention.
 */
public interface Sessions {

	/** A session as the API and the session page send it, not checked yet. */
	record Input(@Nullable String idempotencyKey, @Nullable String performedAt, @Nullable Integer painBefore,
			@Nullable Integer painAfter, @Nullable String symptomShift, @Nullable String effort,
			@Nullable Integer walkingMinutes, @Nullable List<ExerciseInput> exercises) {}

	record ExerciseInput(@Nullable String exerciseSlug, @Nullable Integer setsDone, @Nullable Integer repsDone,
			@Nullable Boolean skipped, @Nullable String skipReason) {}

	/** The session as stored, and whether this call stored it (false: an earlier call with the same key did). */
	record Logged(ExerciseSession session, boolean created) {}

	/** The patient has no plan to log a session of. */
	final class NoPlan extends RuntimeException {

		public NoPlan() {
			super("You have no exercise plan yet: your therapist prepares it after your intake.");
		}
	}

	/** The patient's exercise is on hold for a red flag. */
	final class OnHold extends RuntimeException {

		public OnHold() {
			super("Your exercises are paused until your care team has talked with you about the symptom you reported.");
		}
	}

	/**
	 * Logs a session of the patient's plan, or finds the one logged before with the same key.
	 *
	 * @throws health.stride.platform.validation.InvalidInput for missing or impossible fields; nothing is stored
	 * @throws NoPlan if the patient has no plan
	 * @throws OnHold while a red flag holds the patient's exercise
	 */
	Logged log(PatientId patient, Input input);

	/** What a session measured: the pain before and after it, and the minutes walked in it if any. */
	record Measures(UUID session, PatientId patient, Instant performedAt, int painBefore, int painAfter,
			@Nullable Integer walkingMinutes) {}

	/**
	 * What the sessions of the window's patients within it measured, in its order (by {@code performedAt},
	 * ties by id), at most its limit: for readers paging through a long history without reading every session.
	 *
	 * @param walkedOnly only the sessions with walking minutes
	 */
	List<Measures> measuresInOrder(TimeWindow window, boolean walkedOnly);

	/** What the session with this id measured, if the current clinic has it. */
	Optional<Measures> measures(UUID session);

	/** A line of a patient's timeline: when, and how the pain and symptoms went. */
	record TimelineEntry(UUID id, Instant performedAt, int painBefore, int painAfter, SymptomShift symptomShift) {}

	/** A page of the patient's timeline, newest first (ties by id), without the exercises done. */
	List<TimelineEntry> timeline(PatientId patient, int page, int size);

	/** The patient's sessions, newest first. */
	List<ExerciseSession> of(PatientId patient, int page, int size);

	/**
	 * The patient's most recently performed session: what a listener of {@link ExerciseSessionLogged}
	 * reads, so that sessions handled late or twice leave the newest one's pain.
	 */
	Optional<ExerciseSession> latest(PatientId patient);

	long count(PatientId patient);

	/** How many sessions the patient performed since the moment. */
	int countSince(PatientId patient, Instant from);

	/** Whether the patient logged a session on that day of the calendar in that time zone (their own, usually). */
	boolean doneOn(PatientId patient, LocalDate day, ZoneId zone);
}
