package health.stride.careteams.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.messaging.MessageSent;
import health.stride.messaging.SenderRole;
import health.stride.messaging.Threads;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Keeps the caseload's count of a patient's unanswered messages: asked from the messaging module
 * after every message, so a clinician's reply clears it and handling an event twice changes nothing.
 */
@Component
class MessageEventsListener {

	private final Threads threads;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
	private final TransactionTemplate transaction;

	MessageEventsListener(Threads threads, org.springframework.jdbc.core.simple.JdbcClient jdbc,
			org.springframework.transaction.PlatformTransactionManager transactions) {
		this.threads = threads;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(MessageSent event) {
		if (event.senderRole() == SenderRole.SYSTEM) {
			return;
		}
		CurrentTenant.runAs(event.tenant(), () -> transaction.executeWithoutResult(status -> {
			// one listener at a time per patient, so a late count never overwrites a newer one
			jdbc.sql("select 1 from careteams.caseload_entry where patient_id = ? for update").param(event.patient().id())
					.query().listOfRows();
			var unanswered = threads.unansweredFor(event.patient());
			jdbc.sql("""
					update careteams.caseload_entry
					set unanswered_messages = ?,
					    last_activity_at = case when ? then greatest(last_activity_at, ?) else last_activity_at end
					where patient_id = ?""")
					.params(unanswered, event.senderRole() == SenderRole.PATIENT, java.sql.Timestamp.from(event.sentAt()),
							event.patient().id())
					.update();
		}));
	}
}
