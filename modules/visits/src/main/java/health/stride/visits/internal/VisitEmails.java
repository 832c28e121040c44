package health.stride.visits.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.messaging.NotificationPreferences;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.Visits;

/**
 * The emails a patient gets about their visits, kept in {@code visits.visit_email} until sent: a
 * confirmation with an iCalendar invitation when a visit is booked, moved or cancelled, and reminders
 * 24 hours and 1 hour before it. They say when (in the patient's time zone), "your care team" and
 * where to see the visit; never a name, the kind of visit or anything about the patient's care.
 * They go out in the patient's language, only to patients who did not turn emails off (messaging
 * keeps that choice), and each once: the job claims its rows with {@code for update skip locked}.
 */
@Service
@Transactional(readOnly = true)
class VisitEmails {

	private static final Logger LOG = LoggerFactory.getLogger(VisitEmails.class);

	/** The path of the patient's visits in the portal. */
	static final String PORTAL_VISITS = "/portal/visits";

	/** Rows one run of the job claims in a clinic; the rest wait for the next run. */
	static final int BATCH = 200;

	enum Kind {
		BOOKED, RESCHEDULED, CANCELLED, REMINDER_24H, REMINDER_1H;

		boolean reminder() {
			return this == REMINDER_24H || this == REMINDER_1H;
		}

		String key() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	private final JdbcClient jdbc;
	private final Visits visits;
	private final PatientDirectory patients;
	private final NotificationPreferences preferences;
	private final ClinicRegistry clinics;
	private final ObjectProvider<JavaMailSender> mail;
	private final MessageSource messages;
	private final Clock clock;
	private final String publicUrl;
	private final String from;

	VisitEmails(JdbcClient jdbc, Visits visits, PatientDirectory patients, NotificationPreferences preferences,
			ClinicRegistry clinics, ObjectProvider<JavaMailSender> mail, MessageSource messages, Clock clock,
			@Value("${stride.public-url:http://localhost:8080}") String publicUrl,
			@Value("${stride.mail.from:Stride <no-reply@stride.example>}") String from) {
		this.jdbc = jdbc;
		this.visits = visits;
		this.patients = patients;
		this.preferences = preferences;
		this.clinics = clinics;
		this.mail = mail;
		this.messages = messages;
		this.clock = clock;
		this.publicUrl = publicUrl;
		this.from = from;
	}

	/** The visit was booked or moved: a confirmation now, and reminders before its (new) start. */
	@Transactional
	void booked(VisitId visitId, Kind confirmation) {
		visits.find(visitId).filter(Visit::isBooked).ifPresent(visit -> {
			var now = clock.instant();
			owe(visit, confirmation, visit.rescheduled(), now);
			// a reminder whose time has passed already (a visit booked 3 hours ahead has no 24-hour one) is not owed
			for (var reminder : new Kind[] { Kind.REMINDER_24H, Kind.REMINDER_1H }) {
				var due = visit.startsAt().minus(lead(reminder));
				if (due.isAfter(now)) {
					owe(visit, reminder, visit.rescheduled(), due);
				}
			}
		});
	}

	/** The visit was cancelled: the patient is told, and its calendar entry is withdrawn. */
	@Transactional
	void cancelled(VisitId visitId) {
		visits.find(visitId).ifPresent(visit -> owe(visit, Kind.CANCELLED, visit.rescheduled(), clock.instant()));
	}

	static Duration lead(Kind reminder) {
		return reminder == Kind.REMINDER_24H ? Duration.ofHours(24) : Duration.ofHours(1);
	}

	/** The emails about the visit still to be sent (or dropped), for the tests. */
	java.util.List<Kind> owedKinds(VisitId visit) {
		return jdbc.sql("select kind from visits.visit_email where visit_id = ? and done_at is null order by due_at")
				.param(visit.id()).query((row, number) -> Kind.valueOf(row.getString("kind"))).list();
	}

	/** One row per visit, kind and move: a redelivered event finds it there already. */
	private void owe(Visit visit, Kind kind, int sequence, Instant due) {
		jdbc.sql("""
				insert into visits.visit_email (visit_id, kind, sequence, due_at) values (?, ?, ?, ?)
				on conflict (tenant_id, visit_id, kind, sequence) do nothing""")
				.params(visit.id().id(), kind.name(), sequence, Timestamp.from(due)).update();
	}

	record Owed(UUID id, UUID visitId, Kind kind, int sequence) {}

	/**
	 * Sends the current clinic's emails that are due. A row another node is sending is skipped, and a
	 * row is marked done in the transaction that claimed it, so no email goes out twice.
	 *
	 * @return how many emails went out
	 */
	@Transactional
	int sendDue() {
		var now = clock.instant();
		var due = jdbc.sql("""
				select id, visit_id, kind, sequence from visits.visit_email
				where done_at is null and due_at <= ?
				order by due_at
				limit ?
				for update skip locked""")
				.params(Timestamp.from(now), BATCH)
				.query((row, number) -> new Owed(row.getObject("id", UUID.class), row.getObject("visit_id", UUID.class),
						Kind.valueOf(row.getString("kind")), row.getInt("sequence")))
				.list();
		if (due.isEmpty()) {
			return 0;
		}
		var sender = mail.getIfAvailable();
		var clinic = clinics.find(CurrentTenant.require());
		var sent = 0;
		for (var owed : due) {
			String outcome;
			try {
				outcome = send(owed, sender, clinic, now);
			} catch (MailException failed) {
				// stays owed, for the next run; the others go out now
				LOG.warn("Could not send a visit email {} for visit {}: {}", owed.kind(), owed.visitId(),
						failed.getClass().getSimpleName()); // its message may name the address
				continue;
			} catch (RuntimeException failed) {
				// one bad row must not roll back the rows sent before it (they would go out twice)
				LOG.error("Visit email {} for visit {} failed: {}", owed.kind(), owed.visitId(), failed.getClass().getName());
				continue;
			}
			if ("SENT".equals(outcome)) {
				sent++;
			}
			jdbc.sql("update visits.visit_email set done_at = ?, outcome = ? where id = ?")
					.params(Timestamp.from(now), outcome, owed.id()).update();
		}
		if (sent > 0) {
			LOG.info("Sent {} visit email(s) for clinic {}", sent, CurrentTenant.require());
		}
		return sent;
	}

	private String send(Owed owed, @Nullable JavaMailSender sender, Optional<Clinic> clinic, Instant now) {
		var found = visits.find(new VisitId(owed.visitId()));
		if (found.isEmpty() || outdated(owed, found.get(), now)) {
			return "OUTDATED";
		}
		var visit = found.get();
		var patient = patients.find(visit.patient());
		if (patient.isEmpty() || !preferences.emailEnabled(patient.get().username())) {
			return "NOT_WANTED";
		}
		var address = patients.emailOf(visit.patient());
		if (address.isEmpty()) {
			return "NO_ADDRESS";
		}
		if (sender == null) {
			return "NO_SERVER";
		}
		var locale = patients.languageOf(visit.patient()).locale();
		var zone = zone(patient.get().timeZone(), clinic.map(Clinic::timeZone).orElse(ZoneOffset.UTC));
		var named = clinic.map(Clinic::name).orElseGet(() -> messages.getMessage("visits.email.your-clinic", null, locale));
		var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
				.withZone(zone).format(visit.startsAt());
		var link = URI.create(publicUrl + PORTAL_VISITS);
		var arguments = new Object[] { when, zone.getDisplayName(TextStyle.FULL, locale), link.toString(), named };
		var subject = messages.getMessage("visits.email." + owed.kind().key() + ".subject", arguments, locale);
		var text = messages.getMessage("visits.email." + owed.kind().key() + ".text", arguments, locale);

		sender.send(mime -> {
			var helper = new MimeMessageHelper(mime, !owed.kind().reminder(), "UTF-8");
			helper.setFrom(from);
			helper.setTo(address.get());
			helper.setSubject(subject);
			helper.setText(text);
			if (!owed.kind().reminder()) {
				var cancel = owed.kind() == Kind.CANCELLED;
				var words = new VisitCalendar.Words(messages.getMessage("visits.calendar.summary", null, locale),
						messages.getMessage("visits.calendar.patient-description", new Object[] { named, link.toString() },
								locale),
						link);
				// a cancellation outranks every invitation before it
				var ics = VisitCalendar.invitation(visit, cancel, cancel ? visit.rescheduled() + 1 : visit.rescheduled(),
						words, mailbox(from), address.get(), now);
				helper.addAttachment("visit.ics", new ByteArrayResource(ics.getBytes(StandardCharsets.UTF_8)),
						"text/calendar; charset=UTF-8; method=" + (cancel ? "CANCEL" : "REQUEST"));
			}
		});
		return "SENT";
	}

	/**
	 * A reminder is for the time it was written for: the visit must still be booked, not moved since
	 * and not started. A confirmation of a booking or move is overtaken by a later move.
	 */
	static boolean outdated(Owed owed, Visit visit, Instant now) {
		return switch (owed.kind()) {
			case REMINDER_24H, REMINDER_1H -> !visit.isBooked() || visit.rescheduled() != owed.sequence()
					|| !visit.startsAt().isAfter(now);
			case BOOKED, RESCHEDULED -> visit.rescheduled() != owed.sequence();
			case CANCELLED -> false;
		};
	}

	/** The address in {@code Name <address>}, as an iCalendar organizer is written. */
	static String mailbox(String from) {
		var open = from.indexOf('<');
		var close = from.indexOf('>', open + 1);
		return open >= 0 && close > open ? from.substring(open + 1, close).strip() : from.strip();
	}

	private static ZoneId zone(String zone, ZoneId otherwise) {
		try {
			return ZoneId.of(zone);
		} catch (java.time.DateTimeException e) {
			return otherwise;
		}
	}
}
