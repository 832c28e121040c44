package health.stride.programs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;

/**
 * A patient's outcomes, from what they logged: pain (NPRS) against their intake, the functional
 * scale (PSFS) rated again every four weeks, sessions a week against the plan, walking minutes a
 * week, their streak and the days since their last flare. A responder improved by at least the
 * minimal clinically important difference of 2 points.
 */
public interface Outcomes {

	/** The minimal clinically important difference on the 0–10 pain scale. */
	int MCID = 2;

	/** The functional scale is rated again this often. */
	Duration PSFS_EVERY = Duration.ofDays(28);

	/** How many patients a figure must rest on before it is shown. */
	int SMALLEST_GROUP = 5;

	record PainPoint(LocalDate day, double pain) {}

	record Week(LocalDate starts, int sessions, int planned, int walkingMinutes) {}

	record PsfsPoint(LocalDate day, double mean) {}

	/** Everything the progress pages show. */
	record PatientOutcomes(@Nullable Integer intakePain, @Nullable Double currentPain, boolean responder,
			List<PainPoint> pain, List<Week> weeks, List<PsfsPoint> psfs, boolean psfsDue, int streakDays,
			@Nullable Integer daysSinceFlare, int sessions) {

		/** How much the pain improved since intake; positive is better. */
		public @Nullable Double painChange() {
			return intakePain == null || currentPain == null ? null : intakePain - currentPain;
		}
	}

	/** The clinic's outcomes, as counts and medians only. */
	record ClinicOutcomes(int patientsWithBaseline, int responders, @Nullable Double responderRate,
			@Nullable Double medianChangeAt4Weeks, @Nullable Double medianChangeAt8Weeks,
			@Nullable Double medianChangeAt12Weeks, int patientsAt4, int patientsAt8, int patientsAt12,
			@Nullable Double medianAdherence, int activePatients) {}

	PatientOutcomes of(PatientId patient, ZoneId zone);

	/**
	 * The outcomes of one episode of care, counted within its time window only (the first episode
	 * from the start, since it holds what was logged before episodes existed): pain (NPRS) first
	 * (the episode's intake) and last (the mean of its last three sessions),
	 * PSFS first and last, responder or not, and sessions done against sessions planned (the plan's
	 * days a week over the weeks it was in force in the episode). An ended episode's outcomes are
	 * kept as they stood at discharge.
	 */
	record EpisodeOutcomes(int episode, Instant openedAt, @Nullable Instant closedAt, @Nullable Double firstPain,
			@Nullable Double lastPain, @Nullable Double firstPsfs, @Nullable Double lastPsfs, boolean responder,
			int sessionsDone, int sessionsPlanned) {

		/** Whether the episode counts for the responder rate: an intake pain and at least one session. */
		public boolean hasBaseline() {
			return firstPain != null && sessionsDone > 0;
		}
	}

	/** The patient's episodes of care with their outcomes, oldest first. */
	List<EpisodeOutcomes> byEpisode(PatientId patient);

	Optional<EpisodeOutcomes> ofEpisode(PatientId patient, int episode);

	/** The activities the patient named at intake, to rate again. */
	List<String> psfsActivities(PatientId patient);

	/**
	 * Stores the patient's new ratings of the activities they named at intake.
	 *
	 * @param scores one score 0–10 per activity, in the intake's order
	 * @return the mean of the new ratings
	 * @throws health.stride.platform.validation.InvalidInput if a score is missing or outside 0–10
	 */
	double ratePsfs(PatientId patient, List<@Nullable Integer> scores);

	/**
	 * The current clinic's outcomes: the share of responders among episodes of care with a first pain
	 * and at least one session (a patient treated twice counts twice); the median pain change at 4, 8 and 12 weeks after intake (the sessions of
	 * that week and the one before); the median share of planned sessions done over the last four
	 * weeks by patients with a plan.
	 */
	ClinicOutcomes clinic();
}
