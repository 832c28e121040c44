package health.stride.visits.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import health.stride.platform.tenancy.ClinicListener;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.VisitBooked;
import health.stride.visits.VisitCancelled;
import health.stride.visits.VisitRescheduled;
import health.stride.visits.internal.VisitEmails.Kind;

/**
 * A visit booked, moved or cancelled owes its patient an email (and, booked or moved, the reminders
 * before it); every minute the emails due in each clinic go out. The listeners read the visit as it
 * is now, and each email is written once per visit, kind and move, so a late or repeated event
 * writes nothing new.
 */
@Component
class VisitEmailListener {

	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VisitEmailListener.class);

	private final VisitEmails emails;
	private final ClinicRegistry clinics;

	VisitEmailListener(VisitEmails emails, ClinicRegistry clinics) {
		this.emails = emails;
		this.clinics = clinics;
	}

	@ClinicListener
	void on(VisitBooked event) {
		emails.booked(event.visit(), Kind.BOOKED);
	}

	@ClinicListener
	void on(VisitRescheduled event) {
		emails.booked(event.visit(), Kind.RESCHEDULED);
	}

	@ClinicListener
	void on(VisitCancelled event) {
		emails.cancelled(event.visit());
	}

	@Scheduled(fixedDelayString = "${stride.visits.email-interval:PT1M}", initialDelayString = "${stride.visits.email-interval:PT1M}")
	void sendDue() {
		for (var clinic : clinics.all()) {
			try {
				CurrentTenant.runAs(clinic.tenant(), emails::sendDue);
			} catch (RuntimeException failed) { // one clinic's trouble does not hold up the others
				LOG.warn("Visit emails for clinic {} failed: {}", clinic.tenant(), failed.getMessage());
			}
		}
	}

	/** Runs the email job every minute. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Scheduling {}
}
