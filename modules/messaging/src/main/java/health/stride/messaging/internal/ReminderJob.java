package health.stride.messaging.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Every minute, on every node, the exercise reminders due in each clinic go out. Running on several
 * nodes at once is safe: a reminder is sent only by the node that claims its day (see
 * {@link ExerciseReminders}).
 */
@Component
class ReminderJob {

	private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);

	private final ExerciseReminders reminders;
	private final ClinicRegistry clinics;

	ReminderJob(ExerciseReminders reminders, ClinicRegistry clinics) {
		this.reminders = reminders;
		this.clinics = clinics;
	}

	@Scheduled(fixedDelayString = "${stride.reminders.interval:PT1M}", initialDelayString = "${stride.reminders.interval:PT1M}")
	void sendDue() {
		for (var clinic : clinics.all()) {
			try {
				CurrentTenant.runAs(clinic.tenant(), reminders::sendDue);
			} catch (RuntimeException failed) { // one clinic's trouble does not hold up the others
				LOG.warn("Exercise reminders for clinic {} failed: {}", clinic.tenant(), failed.getClass().getSimpleName()); // a message may quote stored values
			}
		}
	}
}
