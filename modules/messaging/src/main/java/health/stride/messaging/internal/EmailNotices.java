package health.stride.messaging.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.messaging.NotificationPreferences;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Emails telling a patient that a message waits for them on Stride. The email names the clinic and
 * links to the messages page; it never carries the message, a name of a condition or anything else
 * about the patient's care. At most one goes to a patient every 15 minutes, and none to a patient
 * who turned them off. Without an SMTP server configured ({@code spring.mail.host}) none are sent.
 * Each goes out in the patient's language.
 */
@Service
@Transactional(readOnly = true)
public class EmailNotices implements NotificationPreferences {

	private static final Logger LOG = LoggerFactory.getLogger(EmailNotices.class);

	/** A patient gets at most one notice in this time. */
	public static final Duration BATCH = Duration.ofMinutes(15);

	private final JdbcClient jdbc;
	private final ClinicMail mail;
	private final PatientDirectory patients;
	private final MessageSource messages;
	private final Clock clock;
	private final String publicUrl;

	EmailNotices(JdbcClient jdbc, ClinicMail mail, PatientDirectory patients, MessageSource messages, Clock clock,
			@Value("${stride.public-url:http://localhost:8080}") String publicUrl) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.patients = patients;
		this.messages = messages;
		this.clock = clock;
		this.publicUrl = publicUrl;
	}

	@Override
	public boolean emailEnabled(String username) {
		return jdbc.sql("select email_enabled from messaging.notification_preference where username = ?").param(username)
				.query(Boolean.class).optional().orElse(true);
	}

	@Transactional
	public void setEmailEnabled(String username, boolean enabled) {
		jdbc.sql("""
				insert into messaging.notification_preference (username, email_enabled, updated_at)
				values (?, ?, ?)
				on conflict (tenant_id, username) do update
				set email_enabled = excluded.email_enabled, updated_at = excluded.updated_at""")
				.params(username, enabled, java.sql.Timestamp.from(clock.instant())).update();
	}

	/** A message waits for the patient: a notice is owed, unless one is pending already. */
	@Transactional
	public void owe(PatientId patient) {
		jdbc.sql("""
				insert into messaging.email_notice (patient_id, pending_since)
				values (?, ?)
				on conflict (tenant_id, patient_id) do update
				set pending_since = coalesce(email_notice.pending_since, excluded.pending_since)""")
				.params(patient.id(), java.sql.Timestamp.from(clock.instant())).update();
	}

	/**
	 * Sends the current clinic's notices that are due: pending, and the patient's last one more than
	 * 15 minutes ago. A notice for a patient who turned emails off is dropped.
	 *
	 * @return how many emails went out
	 */
	@Transactional
	public int sendDue() {
		var letterhead = mail.letterhead().orElse(null);
		var due = jdbc.sql("""
				select patient_id from messaging.email_notice
				where pending_since is not null and (last_sent_at is null or last_sent_at <= ?)
				for update skip locked""")
				.param(java.sql.Timestamp.from(clock.instant().minus(BATCH))).query(UUID.class).list();
		var sent = 0;
		for (var id : due) {
			var patient = patients.find(new PatientId(id));
			var address = patient.flatMap(it -> patients.emailOf(it.id()));
			var wanted = patient.map(it -> emailEnabled(it.username())).orElse(false);
			if (letterhead != null && wanted && address.isPresent()) {
				try {
					var locale = patients.languageOf(new PatientId(id)).locale();
					var clinic = letterhead.clinic(locale);
					letterhead.send(address.get(), messages.getMessage("messaging.email.subject", new Object[] { clinic }, locale),
							messages.getMessage("messaging.email.text", new Object[] { clinic, publicUrl }, locale), locale);
					sent++;
				} catch (MailException failed) {
					// stays pending, for the next run; the others go out now
					LOG.warn("Could not send a message notice for patient {}: {}", id, failed.getClass().getSimpleName()); // its message may name the address
					continue;
				}
			}
			jdbc.sql("update messaging.email_notice set pending_since = null, last_sent_at = ? where patient_id = ?")
					.params(wanted && letterhead != null ? java.sql.Timestamp.from(clock.instant()) : null, id).update();
		}
		if (sent > 0) {
			LOG.info("Sent {} message notice(s) for clinic {}", sent, CurrentTenant.require());
		}
		return sent;
	}
}
