package health.stride.messaging.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientStatus;
import health.stride.patients.PatientSummary;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.programs.Plans;
import health.stride.programs.Sessions;

/**
 * Reminds patients of their exercise, as each chose: on their plan days, at their time, never in
 * their quiet hours, at most once a day and not once the day's session is logged; only while they
 * have a plan that is not on hold and their care goes on. A reminder says that it is time for the
 * day's exercises and where to start them, nothing else: no exercise, no condition, no name but the
 * clinic's. Each one is recorded, one row a day per patient, in the transaction that sends it: of
 * two nodes that find a reminder due, the second waits for the first's row and sends nothing.
 */
@Service
public class ExerciseReminders {

	private static final Logger LOG = LoggerFactory.getLogger(ExerciseReminders.class);

	/** The path the reminders lead to: the day's session. */
	public static final String SESSION_PATH = "/portal/session";

	/** How long a push may wait for a browser that is offline, at most; it never arrives in quiet hours. */
	static final Duration LONGEST_PUSH_WAIT = Duration.ofHours(4);

	/** The words a browser notification shows, fetched by the service worker. */
	public record Notification(String title, String body, String url) {}

	private final ReminderSettings settings;
	private final PushSubscriptions subscriptions;
	private final WebPush push;
	private final ClinicMail mail;
	private final PatientDirectory patients;
	private final Plans plans;
	private final Sessions sessions;
	private final ClinicRegistry clinics;
	private final MessageSource messages;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final TransactionTemplate transaction;
	private final TransactionTemplate reading;
	private final String publicUrl;

	ExerciseReminders(ReminderSettings settings, PushSubscriptions subscriptions, WebPush push, ClinicMail mail,
			PatientDirectory patients, Plans plans, Sessions sessions, ClinicRegistry clinics, MessageSource messages,
			JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions,
			@Value("${stride.public-url:http://localhost:8080}") String publicUrl) {
		this.settings = settings;
		this.subscriptions = subscriptions;
		this.push = push;
		this.mail = mail;
		this.patients = patients;
		this.plans = plans;
		this.sessions = sessions;
		this.clinics = clinics;
		this.messages = messages;
		this.jdbc = jdbc;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.publicUrl = publicUrl;
	}

	/**
	 * Sends the current clinic's reminders that are due now, each patient in a transaction of their own.
	 *
	 * @return how many patients were reminded
	 */
	public int sendDue() {
		var now = clock.instant();
		var candidates = reading.execute(status -> settings.enabled());
		var letterhead = reading.execute(status -> mail.letterhead());
		var reminded = 0;
		for (var candidate : java.util.Objects.requireNonNull(candidates)) {
			try {
				if (Boolean.TRUE.equals(transaction.execute(status -> remind(candidate, now,
						java.util.Objects.requireNonNull(letterhead))))) {
					reminded++;
				}
			} catch (RuntimeException failed) { // rolled back: the day stays free, the next run tries again
				LOG.warn("Could not remind patient {}: {}", candidate.patient().id(), failed.getClass().getSimpleName());
			}
		}
		if (reminded > 0) {
			LOG.info("Sent {} exercise reminder(s) for clinic {}", reminded, CurrentTenant.require());
		}
		return reminded;
	}

	/** Nothing could be delivered, though a way was open: the day is not taken. */
	static final class Undelivered extends RuntimeException {

		Undelivered() {
			super("No reminder could be delivered.");
		}
	}

	private boolean remind(ReminderSettings.Stored candidate, Instant now,
			Optional<ClinicMail.Letterhead> letterhead) {

		var setting = candidate.setting();
		var id = candidate.patient();
		var patient = patients.find(id).orElse(null);
		var zone = patient == null ? null : zoneOf(patient);
		if (patient == null || zone == null || !setting.dueAt(now, zone) || !inCare(patient)) {
			return false;
		}
		var today = LocalDate.ofInstant(now, zone);
		if (plans.of(id).isEmpty() || plans.holdOf(id).isPresent() || sessions.doneOn(id, today, zone)) {
			return false;
		}
		var claimed = jdbc.sql("""
				insert into messaging.exercise_reminder (patient_id, local_date, sent_at) values (?, ?, ?)
				on conflict do nothing""")
				.params(id.id(), today, java.sql.Timestamp.from(now)).update();
		if (claimed == 0) { // sent today already, here or by another node
			return false;
		}

		var failed = false;
		var emailed = false;
		var address = setting.email() ? patients.emailOf(id) : Optional.<String>empty();
		if (letterhead.isPresent() && address.isPresent()) {
			var locale = patients.languageOf(id).locale();
			var clinic = letterhead.get().clinic(locale);
			try {
				letterhead.get().send(address.get(),
						messages.getMessage("messaging.reminders.email.subject", new Object[] { clinic }, locale),
						messages.getMessage("messaging.reminders.email.text", new Object[] { clinic, publicUrl }, locale),
						locale);
				emailed = true;
			} catch (MailException notSent) {
				failed = true;
			}
		}
		var pushes = 0;
		if (setting.push() && push.configured()) {
			var ttl = untilQuiet(setting, now, zone);
			for (var endpoint : subscriptions.endpoints(id)) {
				switch (push.send(endpoint, ttl)) {
					case SENT -> pushes++;
					case GONE -> subscriptions.forget(id, endpoint);
					case FAILED -> failed = true;
				}
			}
		}
		if (failed && !emailed && pushes == 0) {
			throw new Undelivered();
		}
		jdbc.sql("update messaging.exercise_reminder set by_email = ?, pushes = ? where patient_id = ? and local_date = ?")
				.params(emailed, pushes, id.id(), today).update();
		return true;
	}

	/** Reminders are for patients in care: not paused, not discharged, their portal open. */
	private boolean inCare(PatientSummary patient) {
		return patient.status() != PatientStatus.PAUSED && patient.status() != PatientStatus.DISCHARGED
				&& patients.portalAccess(patient.id()).isOpen();
	}

	private static @org.jspecify.annotations.Nullable ZoneId zoneOf(PatientSummary patient) {
		try {
			return ZoneId.of(patient.timeZone());
		} catch (java.time.DateTimeException unknown) {
			return null;
		}
	}

	/** How long a push may wait: until the quiet hours begin, at most {@link #LONGEST_PUSH_WAIT}. */
	static Duration untilQuiet(ReminderSetting setting, Instant now, ZoneId zone) {
		var local = now.atZone(zone);
		var quiet = ZonedDateTime.of(local.toLocalDate(), setting.quietFrom(), zone);
		if (!quiet.toInstant().isAfter(now)) {
			quiet = ZonedDateTime.of(local.toLocalDate().plusDays(1), setting.quietFrom(), zone);
		}
		var wait = Duration.between(now, quiet.toInstant());
		return wait.compareTo(LONGEST_PUSH_WAIT) > 0 ? LONGEST_PUSH_WAIT : wait;
	}

	/** The words of a browser notification in the reader's language: the clinic and the time for exercise. */
	public Notification notification(Locale locale) {
		var clinic = CurrentTenant.get().flatMap(clinics::find).map(it -> it.name())
				.orElseGet(() -> messages.getMessage("messaging.email.your-clinic", null, locale));
		return new Notification(messages.getMessage("messaging.reminders.notification.title", new Object[] { clinic }, locale),
				messages.getMessage("messaging.reminders.notification.body", null, locale), SESSION_PATH);
	}
}
