package health.stride.messaging.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import health.stride.messaging.MessageSent;
import health.stride.messaging.SenderRole;
import health.stride.platform.tenancy.ClinicListener;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * A message from the care team (or Stride) to a patient owes the patient an email notice; every
 * minute the notices due in each clinic go out.
 */
@Component
class NoticeListener {

	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NoticeListener.class);

	private final EmailNotices notices;
	private final ClinicRegistry clinics;

	NoticeListener(EmailNotices notices, ClinicRegistry clinics) {
		this.notices = notices;
		this.clinics = clinics;
	}

	@Scheduled(fixedDelayString = "${stride.mail.notice-interval:PT1M}", initialDelayString = "${stride.mail.notice-interval:PT1M}")
	void sendDue() {
		for (var clinic : clinics.all()) {
			try {
				CurrentTenant.runAs(clinic.tenant(), notices::sendDue);
			} catch (RuntimeException failed) { // one clinic's trouble does not hold up the others
				LOG.warn("Message notices for clinic {} failed: {}", clinic.tenant(), failed.getClass().getSimpleName()); // a message may quote stored values
			}
		}
	}

	@ClinicListener
	void on(MessageSent event) {
		if (event.senderRole() != SenderRole.PATIENT) {
			notices.owe(event.patient());
		}
	}

	/** Runs the notice job every minute. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Scheduling {}
}
