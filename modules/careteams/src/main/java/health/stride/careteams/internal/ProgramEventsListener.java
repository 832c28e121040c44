package health.stride.careteams.internal;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.programs.ProgramAssigned;
import health.stride.platform.tenancy.CurrentTenant;

/** A plan assigned: the patient no longer needs one, and inactivity is counted from now on. */
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
}
