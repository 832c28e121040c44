package health.stride.careteams.internal;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.programs.ExerciseSessionLogged;
import health.stride.programs.PainFlareReported;
import health.stride.programs.ProgramAssigned;
import health.stride.programs.ProgramTailored;
import health.stride.programs.ProgressionSuggested;
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

	ProgramEventsListener(JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager transactions,
			Clock clock) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProgramAssigned event) {
		// the first assignment counts; replacing the plan later does not reset it, so handling twice changes nothing
		CurrentTenant.runAs(event.tenant(), () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				update careteams.caseload_entry set plan_assigned_at = coalesce(plan_assigned_at, ?)
				where patient_id = ?""").params(java.sql.Timestamp.from(clock.instant()), event.patient().id()).update()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProgramTailored event) {
		update(event.tenant(), "update careteams.caseload_entry set ready_to_progress = false where patient_id = ?",
				event.patient().id());
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ExerciseSessionLogged event) {
		var at = java.sql.Timestamp.from(event.performedAt());
		update(event.tenant(), """
				update careteams.caseload_entry
				set last_session_at = greatest(last_session_at, ?), last_activity_at = greatest(last_activity_at, ?)
				where patient_id = ?""", at, at, event.patient().id());
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(PainFlareReported event) {
		update(event.tenant(), """
				update careteams.caseload_entry set last_pain_flare_at = greatest(last_pain_flare_at, ?)
				where patient_id = ?""", java.sql.Timestamp.from(event.at()), event.patient().id());
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProgressionSuggested event) {
		update(event.tenant(), "update careteams.caseload_entry set ready_to_progress = true where patient_id = ?",
				event.patient().id());
	}

	private void update(TenantId tenant, String sql, Object... params) {
		CurrentTenant.runAs(tenant, () -> transaction.executeWithoutResult(status -> jdbc.sql(sql).params(params).update()));
	}
}
