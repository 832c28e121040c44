package health.stride.messaging.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
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
 * clinic's.
 *
 * <p>Each reminder is recorded, one row a day per patient, and the row is <em>claimed</em> (inserted
 * and committed in a short transaction of its own) before anything is sent: of two nodes that find a
 * reminder due, the second finds the day taken and sends nothing. Sending happens outside any
 * transaction, so a slow mail server or push service holds no connection and no lock, and nothing
 * that fails after an email went out can give the day back. The outcome is recorded in another short
 * transaction. The only undo: when every way that was open failed and nothing was delivered, the row
 * is deleted so that the next run tries again.
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

	/** A reminder due now: the patient's day and the ways to reach them that are open. */
	private record Due(PatientId patient, ReminderSetting setting, ZoneId zone, LocalDate today,
			Optional<String> address, Locale locale, List<String> endpoints) {}

	/**
	 * What became of a reminder: whether the email went out, how many browsers were reached, whether
	 * a way that was tried failed, and whether the email may have gone out though an error was raised.
	 */
	private record Delivery(boolean emailed, int pushes, boolean failed, boolean uncertain) {

		/** Nothing reached the patient although a way was tried: the day is to be given back. */
		boolean undelivered() {
			return failed && !emailed && pushes == 0 && !uncertain;
		}
	}

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
	 * Sends the current clinic's reminders that are due now, patient by patient.
	 *
	 * @return how many patients were reminded
	 */
	public int sendDue() {
		var now = clock.instant();
		var candidates = Objects.requireNonNull(reading.execute(status -> settings.enabled()));
		var letterhead = Objects.requireNonNull(reading.execute(status -> mail.letterhead()));
		var reminded = 0;
		for (var candidate : candidates) {
			try {
				if (remind(candidate, now, letterhead)) {
					reminded++;
				}
			} catch (RuntimeException failed) { // before the claim: the day stays free; after it: the day stays taken
				LOG.warn("Could not remind patient {}: {}", candidate.patient().id(), failed.getClass().getSimpleName());
			}
		}
		if (reminded > 0) {
			LOG.info("Sent {} exercise reminder(s) for clinic {}", reminded, CurrentTenant.require());
		}
		return reminded;
	}

	private boolean remind(ReminderSettings.Stored candidate, Instant now, Optional<ClinicMail.Letterhead> letterhead) {
		var due = Objects.requireNonNull(reading.execute(status -> due(candidate, now, letterhead.isPresent())));
		if (due.isEmpty() || !claim(due.get(), now)) {
			return false;
		}
		var delivery = deliver(due.get(), now, letterhead);
		if (delivery.undelivered()) {
			release(due.get());
			return false;
		}
		record(due.get(), delivery);
		return true;
	}

	/** Whether a reminder is due now, and where it would go; cheap for a patient reminded today already. */
	private Optional<Due> due(ReminderSettings.Stored candidate, Instant now, boolean mailable) {
		var setting = candidate.setting();
		var id = candidate.patient();
		var patient = patients.find(id).orElse(null);
		var zone = patient == null ? null : zoneOf(patient);
		if (patient == null || zone == null || !setting.dueAt(now, zone)) {
			return Optional.empty();
		}
		var today = LocalDate.ofInstant(now, zone);
		if (remindedOn(id, today) || !inCare(patient) || plans.of(id).isEmpty() || plans.holdOf(id).isPresent()
				|| sessions.doneOn(id, today, zone)) {
			return Optional.empty();
		}
		var address = setting.email() && mailable ? patients.emailOf(id) : Optional.<String>empty();
		var locale = address.isPresent() ? patients.languageOf(id).locale() : Locale.ENGLISH;
		var endpoints = setting.push() && push.configured() ? subscriptions.endpoints(id) : List.<String>of();
		return Optional.of(new Due(id, setting, zone, today, address, locale, endpoints));
	}

	private boolean remindedOn(PatientId patient, LocalDate day) {
		return jdbc.sql("select exists (select 1 from messaging.exercise_reminder where patient_id = ? and local_date = ?)")
				.params(patient.id(), day).query(Boolean.class).single();
	}

	/**
	 * Takes the day for this reminder, committed before anything is sent. A node that finds the day
	 * taken (or waits for another node's claim of it to commit) sends nothing.
	 */
	private boolean claim(Due due, Instant now) {
		var claimed = transaction.execute(status -> jdbc.sql("""
				insert into messaging.exercise_reminder (patient_id, local_date, sent_at) values (?, ?, ?)
				on conflict do nothing""")
				.params(due.patient().id(), due.today(), java.sql.Timestamp.from(now)).update());
		return Integer.valueOf(1).equals(claimed);
	}

	/** Sends the email and the pushes, outside any transaction; every failure is caught and counted. */
	private Delivery deliver(Due due, Instant now, Optional<ClinicMail.Letterhead> letterhead) {
		var failed = false;
		var uncertain = false;
		var emailed = false;
		if (letterhead.isPresent() && due.address().isPresent()) {
			var locale = due.locale();
			var clinic = letterhead.get().clinic(locale);
			var subject = messages.getMessage("messaging.reminders.email.subject", new Object[] { clinic }, locale);
			var text = messages.getMessage("messaging.reminders.email.text", new Object[] { clinic, publicUrl }, locale);
			try {
				letterhead.get().send(due.address().get(), subject, text, locale);
				emailed = true;
			} catch (MailSendException notAll) {
				// no message failed: the server took the email and only closing the connection went wrong
				emailed = notAll.getFailedMessages().isEmpty();
				failed = !emailed;
			} catch (MailException notSent) {
				failed = true;
			} catch (RuntimeException unknown) { // it may have gone out: the day stays taken rather than email twice
				LOG.warn("Reminder email to patient {} ended in {}", due.patient().id(), unknown.getClass().getSimpleName());
				uncertain = true;
			}
		}
		var pushes = 0;
		if (!due.endpoints().isEmpty()) {
			var ttl = untilQuiet(due.setting(), now, due.zone());
			for (var endpoint : due.endpoints()) {
				switch (pushTo(endpoint, ttl)) {
					case SENT -> pushes++;
					case GONE -> forget(due.patient(), endpoint);
					case FAILED -> failed = true;
				}
			}
		}
		return new Delivery(emailed, pushes, failed, uncertain);
	}

	private WebPush.Outcome pushTo(String endpoint, Duration ttl) {
		try {
			return push.send(endpoint, ttl);
		} catch (RuntimeException broken) { // e.g. a token that could not be signed: nothing was sent
			LOG.warn("Could not push a reminder: {}", broken.getClass().getSimpleName());
			return WebPush.Outcome.FAILED;
		}
	}

	private void forget(PatientId patient, String endpoint) {
		try {
			subscriptions.forget(patient, endpoint);
		} catch (RuntimeException notNow) { // the push service will say so again next time
			LOG.warn("Could not forget a gone browser of patient {}: {}", patient.id(), notNow.getClass().getSimpleName());
		}
	}

	/** Nothing was delivered: the day is given back, so the next run tries again. */
	private void release(Due due) {
		try {
			transaction.executeWithoutResult(status -> jdbc.sql(
					"delete from messaging.exercise_reminder where patient_id = ? and local_date = ?")
					.params(due.patient().id(), due.today()).update());
		} catch (RuntimeException kept) { // the day stays taken: no reminder today rather than a second one
			LOG.warn("Could not give back the reminder day of patient {}: {}", due.patient().id(),
					kept.getClass().getSimpleName());
		}
	}

	/** Records how the reminder went out; losing this record never sends it again. */
	private void record(Due due, Delivery delivery) {
		try {
			transaction.executeWithoutResult(status -> jdbc.sql(
					"update messaging.exercise_reminder set by_email = ?, pushes = ? where patient_id = ? and local_date = ?")
					.params(delivery.emailed(), delivery.pushes(), due.patient().id(), due.today()).update());
		} catch (RuntimeException lost) {
			LOG.warn("Reminded patient {} but could not record how: {}", due.patient().id(), lost.getClass().getSimpleName());
		}
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
