package health.stride.careteams.internal;

import org.springframework.stereotype.Component;

import health.stride.messaging.MessageSent;
import health.stride.messaging.SenderRole;
import health.stride.messaging.Threads;
import health.stride.platform.tenancy.ClinicListener;

/**
 * Keeps the caseload's count of a patient's unanswered messages: asked from the messaging module
 * after every message, so a clinician's reply clears it and handling an event twice changes nothing.
 */
@Component
class MessageEventsListener {

	private final Threads threads;
	private final CaseloadProjection caseload;

	MessageEventsListener(Threads threads, CaseloadProjection caseload) {
		this.threads = threads;
		this.caseload = caseload;
	}

	@ClinicListener
	void on(MessageSent event) {
		if (event.senderRole() == SenderRole.SYSTEM) {
			return;
		}
		// one listener at a time per patient, so a late count never overwrites a newer one
		caseload.lock(event.patient());
		caseload.messageSent(event.patient(), threads.unansweredFor(event.patient()),
				event.senderRole() == SenderRole.PATIENT, event.sentAt());
	}
}
