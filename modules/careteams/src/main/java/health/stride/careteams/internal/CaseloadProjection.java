package health.stride.careteams.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.CoverageEnd;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.patients.RedFlags;
import health.stride.patients.Screenings;
import health.stride.visits.Visit;
import health.stride.visits.VisitStatus;
import health.stride.visits.Visits;

/**
 * The one writer of the caseload read model ({@code careteams.caseload_entry}): one method for each
 * thing that happened, called by the listeners (and by assignment, which must count a therapist's
 * load before its own event comes back). What the patients module owns is rebuilt from its query API
 * each time; moments only ever move forward. So handling any event twice changes nothing.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class CaseloadProjection {

	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final RedFlags redFlags;
	private final Screenings screenings;
	private final Intakes intakes;
	private final JdbcClient jdbc;
	private final Visits visits;
	private final Clock clock;

	CaseloadProjection(PatientDirectory patients, CareTeams careTeams, RedFlags redFlags, Screenings screenings,
			Intakes intakes, Visits visits, JdbcClient jdbc, Clock clock) {
		this.screenings = screenings;
		this.visits = visits;
		this.patients = patients;
		this.careTeams = careTeams;
		this.redFlags = redFlags;
		this.intakes = intakes;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The patient finished their intake: they join the caseload, as active now. */
	void intakeCompleted(PatientId patient) {
		rebuild(patient, clock.instant());
		coverageChanged(patient);
	}

	/** The end of the patient's sponsored cover, or how they pay, changed; a patient not on the caseload yet gets it at intake. */
	void coverageChanged(PatientId patient) {
		var end = patients.coverageEnd(patient);
		jdbc.sql("update careteams.caseload_entry set coverage_ends_on = ?, portal_read_only_from = ? where patient_id = ?")
				.params(end.map(CoverageEnd::endsOn).orElse(null), end.map(CoverageEnd::portalReadOnlyFrom).orElse(null),
						patient.id())
				.update();
	}

	void redFlagsReported(PatientId patient) {
		rebuild(patient, clock.instant());
	}

	void redFlagsCleared(PatientId patient) {
		rebuild(patient, null);
	}

	/** An urgent mood screening answer: the patient's own activity, and a reason as urgent as a red flag. */
	void urgentScreeningReported(PatientId patient, Instant answeredAt) {
		rebuild(patient, answeredAt);
	}

	void urgentScreeningReviewed(PatientId patient) {
		rebuild(patient, null);
	}

	void careTeamAssigned(PatientId patient) {
		rebuild(patient, null);
	}

	void statusChanged(PatientId patient) {
		rebuild(patient, null);
	}

	/** The patient was discharged: they leave the caseload (every later rebuild keeps them out). */
	void discharged(PatientId patient) {
		rebuild(patient, null);
	}

	/** A new episode of care began: the patient is back, with a fresh row (a new intake and plan to come). */
	void episodeOpened(PatientId patient) {
		rebuild(patient, clock.instant());
	}

	/** An assignment was decided (or the patient waits for one), before its event arrives. */
	void assigned(PatientId patient) {
		rebuild(patient, null);
	}

	/** The first plan counts; replacing it later does not reset it. */
	void planAssigned(PatientId patient, @Nullable Integer plannedPerWeek) {
		jdbc.sql("""
				update careteams.caseload_entry set plan_assigned_at = coalesce(plan_assigned_at, ?), planned_per_week = ?
				where patient_id = ?""")
				.params(java.sql.Timestamp.from(clock.instant()), plannedPerWeek, patient.id()).update();
	}

	/** A changed plan answers an open suggestion to progress. */
	void planTailored(PatientId patient, @Nullable Integer plannedPerWeek) {
		jdbc.sql("update careteams.caseload_entry set ready_to_progress = false, planned_per_week = ? where patient_id = ?")
				.params(plannedPerWeek, patient.id()).update();
	}

	/**
	 * A session was logged. The pain is the newest session's, never replaced by an older one that a
	 * listener running alongside read; the week's count is the one asked just now.
	 */
	void sessionLogged(PatientId patient, Instant performedAt, int painAfter, LocalDate weekStart, int thisWeek,
			@Nullable Integer plannedPerWeek) {
		var at = java.sql.Timestamp.from(performedAt);
		jdbc.sql("""
				update careteams.caseload_entry
				set last_pain = case when last_session_at is null or ? >= last_session_at then ? else last_pain end,
				    last_session_at = greatest(last_session_at, ?), last_activity_at = greatest(last_activity_at, ?),
				    sessions_week_start = ?, sessions_this_week = ?, planned_per_week = ?
				where patient_id = ?""")
				.params(at, painAfter, at, at, java.sql.Date.valueOf(weekStart), thisWeek, plannedPerWeek, patient.id())
				.update();
	}

	void flareReported(PatientId patient, Instant at) {
		jdbc.sql("update careteams.caseload_entry set last_pain_flare_at = greatest(last_pain_flare_at, ?) where patient_id = ?")
				.params(java.sql.Timestamp.from(at), patient.id()).update();
	}

	void progressionSuggested(PatientId patient, boolean open) {
		jdbc.sql("update careteams.caseload_entry set ready_to_progress = ? where patient_id = ?").params(open, patient.id())
				.update();
	}

	/**
	 * Holds the patient's row until the transaction ends, so one listener at a time counts for them
	 * and a late count never overwrites a newer one.
	 */
	void lock(PatientId patient) {
		jdbc.sql("select 1 from careteams.caseload_entry where patient_id = ? for update").param(patient.id()).query()
				.listOfRows();
	}

	/** A message was written; the patient's own message is activity of theirs. */
	void messageSent(PatientId patient, int unanswered, boolean byPatient, Instant sentAt) {
		jdbc.sql("""
				update careteams.caseload_entry
				set unanswered_messages = ?,
				    last_activity_at = case when ? then greatest(last_activity_at, ?) else last_activity_at end
				where patient_id = ?""")
				.params(unanswered, byPatient, java.sql.Timestamp.from(sentAt), patient.id()).update();
	}

	/**
	 * A visit of the patient was booked, moved, cancelled, missed or held. The patient's latest missed
	 * visit needs the care team until a visit booked after it (still booked, or held since) or a later
	 * visit held shows the patient is back: a visit booked before the miss counts once it is held, a
	 * cancelled one never.
	 */
	void visitsChanged(PatientId patient) {
		var all = visits.ofPatient(patient);
		var missed = all.stream().filter(it -> it.status() == VisitStatus.MISSED).map(Visit::startsAt)
				.max(java.util.Comparator.naturalOrder());
		var back = missed.isPresent() && all.stream().anyMatch(it -> it.status() == VisitStatus.BOOKED
				&& it.bookedAt().isAfter(missed.get())
				|| it.status() == VisitStatus.COMPLETED && it.startsAt().isAfter(missed.get()));
		var since = missed.filter(it -> !back).map(java.sql.Timestamp::from).orElse(null);
		jdbc.sql("update careteams.caseload_entry set missed_visit_at = ? where patient_id = ?").params(since, patient.id())
				.update();
	}

	/**
	 * Rebuilds what the patients module owns in the patient's row.
	 *
	 * @param activityAt when the patient last did something themself, if this update is about that
	 */
	private void rebuild(PatientId patient, @Nullable Instant activityAt) {

		var summary = patients.find(patient).orElseThrow(() -> new IllegalStateException("No patient " + patient));
		if (summary.status() == PatientStatus.DISCHARGED) {
			// state, not event order, decides: a late event about a discharged patient brings nobody back
			jdbc.sql("delete from careteams.caseload_entry where patient_id = ?").param(patient.id()).update();
			return;
		}
		var team = careTeams.of(patient);
		var draft = intakes.draft(patient);
		var activity = java.sql.Timestamp.from(activityAt != null ? activityAt : clock.instant());

		jdbc.sql("""
				insert into careteams.caseload_entry (patient_id, display_name, state, status,
				    therapist_username, coach_username, intake_completed_at, open_red_flags, open_mood_urgent,
				    last_activity_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, patient_id) do update
				set display_name = excluded.display_name, state = excluded.state, status = excluded.status,
				    therapist_username = excluded.therapist_username, coach_username = excluded.coach_username,
				    intake_completed_at = excluded.intake_completed_at, open_red_flags = excluded.open_red_flags,
				    open_mood_urgent = excluded.open_mood_urgent,
				    last_activity_at = case when ? then greatest(caseload_entry.last_activity_at, excluded.last_activity_at)
				                            else caseload_entry.last_activity_at end""")
				.params(patient.id(), summary.firstName() + " " + summary.lastName(), summary.state(),
						summary.status().name(), team.map(CareTeam::therapist).map(CareTeam.Member::username).orElse(null),
						team.map(CareTeam::coach).map(CareTeam.Member::username).orElse(null),
						draft.completedAt() == null ? null : java.sql.Timestamp.from(draft.completedAt()),
						redFlags.open(patient).size(), screenings.open(patient).size(), activity, activityAt != null)
				.update();
	}
}
