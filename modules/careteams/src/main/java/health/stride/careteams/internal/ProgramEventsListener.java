package health.stride.careteams.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.programs.ExerciseSessionLogged;
import health.stride.programs.PainFlareReported;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.Sessions;
import health.stride.programs.ProgramAssigned;
import health.stride.programs.ProgramTailored;
import health.stride.programs.ProgressionSuggested;
import health.stride.programs.Progressions;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * What the programs module reports, kept on the caseload: a plan assigned (the patient no longer
 * needs one, and inactivity counts from then), sessions (the last one, for inactivity), pain flares
 * and suggestions to progress, which stand until the therapist changes the plan. Every update keeps
 * the latest moment, so handling an event twice changes nothing.
 */
@Component
class ProgramEventsListener {

	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final Clock clock;
	private final Sessions sessions;
	private final Plans plans;
	private final Progressions progressions;

	ProgramEventsListener(JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager transactions,
			Clock clock, Sessions sessions, Plans plans, Progressions progressions) {
		this.progressions = progressions;
		this.sessions = sessions;
		this.plans = plans;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProgramAssigned event) {
		// the first assignment counts; replacing the plan later does not reset it, so handling twice changes nothing
		CurrentTenant.runAs(event.tenant(), () -> {
			var planned = plans.of(event.patient()).map(Plan::daysPerWeek).orElse(null);
			transaction.executeWithoutResult(status -> jdbc.sql("""
					update careteams.caseload_entry set plan_assigned_at = coalesce(plan_assigned_at, ?), planned_per_week = ?
					where patient_id = ?""").params(java.sql.Timestamp.from(clock.instant()), planned, event.patient().id())
					.update());
		});
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProgramTailored event) {
		CurrentTenant.runAs(event.tenant(), () -> {
			var planned = plans.of(event.patient()).map(Plan::daysPerWeek).orElse(null);
			transaction.executeWithoutResult(status -> jdbc.sql("""
					update careteams.caseload_entry set ready_to_progress = false, planned_per_week = ?
					where patient_id = ?""").params(planned, event.patient().id()).update());
		});
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ExerciseSessionLogged event) {
		CurrentTenant.runAs(event.tenant(), () -> transaction.executeWithoutResult(status -> {
			// the pain and the week's count are asked from programs (the event carries no clinical value): the
			// newest session's pain, whichever event arrives last or twice, never replaced by an older one read
			// by a listener that ran alongside; and the same count again
			var latest = sessions.latest(event.patient());
			if (latest.isEmpty()) {
				return;
			}
			var at = java.sql.Timestamp.from(latest.get().performedAt());
			var monday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).with(DayOfWeek.MONDAY);
			var thisWeek = sessions.countSince(event.patient(), monday.atStartOfDay(ZoneOffset.UTC).toInstant());
			var planned = plans.of(event.patient()).map(Plan::daysPerWeek).orElse(null);
			jdbc.sql("""
					update careteams.caseload_entry
					set last_pain = case when last_session_at is null or ? >= last_session_at then ? else last_pain end,
					    last_session_at = greatest(last_session_at, ?), last_activity_at = greatest(last_activity_at, ?),
					    sessions_week_start = ?, sessions_this_week = ?, planned_per_week = ?
					where patient_id = ?""")
					.params(at, latest.get().painAfter(), at, at, java.sql.Date.valueOf(monday), thisWeek, planned,
							event.patient().id())
					.update();
		}));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(PainFlareReported event) {
		update(event.tenant(), """
				update careteams.caseload_entry set last_pain_flare_at = greatest(last_pain_flare_at, ?)
				where patient_id = ?""", java.sql.Timestamp.from(event.at()), event.patient().id());
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProgressionSuggested event) {
		// asked from programs, so a suggestion closed meanwhile is not shown as open
		CurrentTenant.runAs(event.tenant(), () -> {
			var open = progressions.open(event.patient()).isPresent();
			transaction.executeWithoutResult(status -> jdbc
					.sql("update careteams.caseload_entry set ready_to_progress = ? where patient_id = ?")
					.params(open, event.patient().id()).update());
		});
	}

	private void update(TenantId tenant, String sql, Object... params) {
		CurrentTenant.runAs(tenant, () -> transaction.executeWithoutResult(status -> jdbc.sql(sql).params(params).update()));
	}
}
