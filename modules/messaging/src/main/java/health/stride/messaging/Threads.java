package health.stride.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeams;
import health.stride.patients.FieldErrors;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * The threads between patients and their care teams. A thread's participants follow the care team
 * of record; messages are numbered within their thread, and what each participant has had
 * delivered and has read is a message number, so unread counts are exact. A participant's own
 * messages are never unread to them, and Stride's messages, written to the patient, are unread to
 * the patient only. Anyone not taking part is told the thread does not exist.
 */
@Service
@Transactional(readOnly = true)
public class Threads {

	public static final int MAX_BODY = 5_000;

	/** A thread as one participant sees it in a list. */
	public record Summary(UUID id, PatientId patient, String patientName, boolean urgent, @Nullable Instant lastMessageAt,
			long unread, boolean unanswered) {}

	/** One message, with what the reader needs to show it. */
	public record Message(UUID id, long seq, SenderRole senderRole, String senderName, @Nullable String senderUsername,
			String body, Instant sentAt) {

		public String html() {
			return MessageText.html(body);
		}
	}

	/** A participant and how far they have got in the thread. */
	public record Participant(String username, SenderRole role, String displayName, boolean active, long deliveredSeq,
			long readSeq) {}

	public record Thread(UUID id, PatientId patient, boolean urgent, long lastSeq, List<Participant> participants) {

		public Optional<Participant> participant(String username) {
			return participants.stream().filter(it -> it.username().equals(username)).findFirst();
		}
	}

	/** The user does not take part in the thread (or it is another clinic's): for them it does not exist. */
	public static final class NotFound extends RuntimeException {
		NotFound() {
			super("No such thread.");
		}
	}

	private final JdbcClient jdbc;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	Threads(JdbcClient jdbc, PatientDirectory patients, CareTeams careTeams, ApplicationEventPublisher events,
			AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.patients = patients;
		this.careTeams = careTeams;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Makes sure the patient has a thread whose participants are the patient and their care team of
	 * record; clinicians who left the care team stay in the history, inactive.
	 */
	@Transactional
	public UUID open(PatientId patient) {

		var now = java.sql.Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into messaging.thread (tenant_id, id, patient_id, created_at)
				values (current_setting('stride.tenant_id', true), ?, ?, ?)
				on conflict (tenant_id, patient_id) do nothing""")
				.params(UUID.randomUUID(), patient.id(), now).update();
		var thread = jdbc.sql("select id from messaging.thread where patient_id = ? for update").param(patient.id())
				.query(UUID.class).single();

		var summary = patients.find(patient).orElseThrow(() -> new IllegalStateException("No patient " + patient));
		join(thread, summary.username(), SenderRole.PATIENT, summary.firstName() + " " + summary.lastName(), now);
		var team = careTeams.of(patient);
		var current = new java.util.ArrayList<String>(List.of(summary.username()));
		team.ifPresent(it -> {
			if (it.therapist() != null) {
				var therapist = java.util.Objects.requireNonNull(it.therapist());
				join(thread, therapist.username(), SenderRole.THERAPIST, therapist.displayName(), now);
				current.add(therapist.username());
			}
			if (it.coach() != null) {
				var coach = java.util.Objects.requireNonNull(it.coach());
				join(thread, coach.username(), SenderRole.COACH, coach.displayName(), now);
				current.add(coach.username());
			}
		});
		jdbc.sql("update messaging.participant set active = false where thread_id = ? and not (username = any (?))")
				.params(thread, current.toArray(String[]::new)).update();
		return thread;
	}

	/**
	 * A clinician who left the clinic leaves every thread at once (in the caller's transaction); the
	 * history keeps their messages. They join again only through a care team, which no longer takes them.
	 */
	@Transactional
	public void departed(String username) {
		jdbc.sql("update messaging.participant set active = false where username = ? and role <> 'PATIENT'")
				.param(username).update();
	}

	private void join(UUID thread, String username, SenderRole role, String name, java.sql.Timestamp now) {
		// a newcomer starts with everything before marked read: only what is new to them counts as unread
		jdbc.sql("""
				insert into messaging.participant (tenant_id, thread_id, username, role, display_name, active, joined_at,
				    last_delivered_seq, last_read_seq)
				select current_setting('stride.tenant_id', true), t.id, ?, ?, ?, true, ?, t.last_seq, t.last_seq
				from messaging.thread t where t.id = ?
				on conflict (tenant_id, thread_id, username) do update
				set active = true, role = excluded.role, display_name = excluded.display_name""")
				.params(username, role.name(), name, now, thread).update();
	}

	/**
	 * Posts a participant's message.
	 *
	 * @throws NotFound unless the user takes part in the thread (actively)
	 * @throws FieldErrors.Invalid for an empty or too long body
	 */
	@Transactional
	public Message post(UUID threadId, StrideUser sender, @Nullable String body) {

		var thread = find(threadId).orElseThrow(NotFound::new);
		var me = thread.participant(sender.username()).filter(Participant::active)
				.filter(it -> (it.role() == SenderRole.PATIENT) == sender.has(Role.PATIENT)).orElseThrow(NotFound::new);
		var text = body == null ? "" : body.strip();
		if (text.isEmpty() || text.length() > MAX_BODY) {
			var errors = new FieldErrors();
			errors.reject("body", "Write a message of 1 to " + MAX_BODY + " characters.");
			throw new FieldErrors.Invalid(errors);
		}
		var message = insert(thread.id(), me.role(), me.displayName(), me.username(), text, null);
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, thread.patient().id(), "message");
		events.publishEvent(new MessageSent(CurrentTenant.require(), thread.patient(), thread.id(), message.id(),
				me.role(), message.sentAt()));
		return message;
	}

	/**
	 * Posts a message from Stride into the patient's thread, once per key however often it is asked.
	 *
	 * @param urgent also marks the thread urgent for the care team
	 * @return the message, or nothing if one with this key was posted before (or the clinic has no such patient)
	 */
	@Transactional
	public Optional<Message> postSystem(PatientId patient, String key, String body, boolean urgent) {
		if (patients.find(patient).isEmpty()) {
			return Optional.empty();
		}
		var thread = open(patient);
		if (jdbc.sql("select count(*) from messaging.message where system_key = ?").param(key).query(Long.class)
				.single() > 0) {
			return Optional.empty();
		}
		var message = insert(thread, SenderRole.SYSTEM, "Stride", null, body, key);
		if (urgent) {
			jdbc.sql("update messaging.thread set urgent = true where id = ?").param(thread).update();
		}
		events.publishEvent(new MessageSent(CurrentTenant.require(), patient, thread, message.id(), SenderRole.SYSTEM,
				message.sentAt()));
		return Optional.of(message);
	}

	/** The care team has dealt with the urgent matter. */
	@Transactional
	public void clearUrgent(PatientId patient) {
		jdbc.sql("update messaging.thread set urgent = false where patient_id = ?").param(patient.id()).update();
	}

	private Message insert(UUID thread, SenderRole role, String name, @Nullable String username, String body,
			@Nullable String key) {
		var now = clock.instant();
		var seq = jdbc.sql("""
				update messaging.thread set last_seq = last_seq + 1, last_message_at = ? where id = ? returning last_seq""")
				.params(java.sql.Timestamp.from(now), thread).query(Long.class).single();
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.message (tenant_id, thread_id, seq, id, sender_username, sender_role, sender_name, body,
				    sent_at, system_key)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(thread, seq, id, username, role.name(), name, body, java.sql.Timestamp.from(now), key).update();
		return new Message(id, seq, role, name, username, body, now);
	}

	public Optional<Thread> find(UUID threadId) {
		return jdbc.sql("select id, patient_id, urgent, last_seq from messaging.thread where id = ?").param(threadId)
				.query((row, number) -> new Thread(row.getObject(1, UUID.class), new PatientId(row.getObject(2, UUID.class)),
						row.getBoolean(3), row.getLong(4), participants(row.getObject(1, UUID.class))))
				.optional();
	}

	public Optional<Thread> ofPatient(PatientId patient) {
		return jdbc.sql("select id from messaging.thread where patient_id = ?").param(patient.id()).query(UUID.class)
				.optional().flatMap(this::find);
	}

	private List<Participant> participants(UUID thread) {
		return jdbc.sql("""
				select username, role, display_name, active, last_delivered_seq, last_read_seq from messaging.participant
				where thread_id = ? order by role, display_name""")
				.param(thread)
				.query((row, number) -> new Participant(row.getString(1), SenderRole.valueOf(row.getString(2)),
						row.getString(3), row.getBoolean(4), row.getLong(5), row.getLong(6)))
				.list();
	}

	/**
	 * The thread's messages for one of its participants, oldest first, after the given number (the
	 * newest 500 at most); what the reader was given counts as delivered, and, if {@code read}, as read.
	 *
	 * @throws NotFound unless the user takes part in the thread (actively)
	 */
	@Transactional
	public List<Message> read(UUID threadId, StrideUser reader, long after, boolean read) {
		var thread = find(threadId).orElseThrow(NotFound::new);
		var me = thread.participant(reader.username()).filter(Participant::active)
				.filter(it -> (it.role() == SenderRole.PATIENT) == reader.has(Role.PATIENT)).orElseThrow(NotFound::new);
		// the newest 500 after the given number, shown oldest first
		var messages = new java.util.ArrayList<>(jdbc.sql("""
				select id, seq, sender_role, sender_name, sender_username, body, sent_at from messaging.message
				where thread_id = ? and seq > ? order by seq desc limit 500""")
				.params(thread.id(), after)
				.query((row, number) -> new Message(row.getObject(1, UUID.class), row.getLong(2),
						SenderRole.valueOf(row.getString(3)), row.getString(4), row.getString(5), row.getString(6),
						row.getTimestamp(7).toInstant()))
				.list());
		java.util.Collections.reverse(messages);
		if (!messages.isEmpty()) {
			var last = messages.get(messages.size() - 1).seq();
			jdbc.sql("""
					update messaging.participant set last_delivered_seq = greatest(last_delivered_seq, ?),
					    last_read_seq = case when ? then greatest(last_read_seq, ?) else last_read_seq end
					where thread_id = ? and username = ?""")
					.params(last, read, last, thread.id(), me.username()).update();
		}
		// opening the thread shows the patient; a poll that brings nothing new shows nothing and, once a
		// second, must not flood the trail, so only a poll that delivers messages is recorded
		if (after == 0 || !messages.isEmpty()) {
			audit.record(AuditAction.READ, AuditOutcome.SUCCESS, thread.patient().id(), "messages");
		}
		return messages;
	}

	/** The patient's latest messages, newest first, for the chart's timeline (marks nothing as read). */
	public List<Message> latest(PatientId patient, int limit) {
		return jdbc.sql("""
				select m.id, m.seq, m.sender_role, m.sender_name, m.sender_username, m.body, m.sent_at
				from messaging.message m join messaging.thread t on t.id = m.thread_id
				where t.patient_id = ? order by m.seq desc limit ?""")
				.params(patient.id(), limit)
				.query((row, number) -> new Message(row.getObject(1, UUID.class), row.getLong(2),
						SenderRole.valueOf(row.getString(3)), row.getString(4), row.getString(5), row.getString(6),
						row.getTimestamp(7).toInstant()))
				.list();
	}

	/** The threads the user takes part in (actively), urgent and unanswered first, then the latest. */
	public List<Summary> of(StrideUser user) {
		return jdbc.sql("""
				select t.id, t.patient_id, pp.display_name, t.urgent, t.last_message_at,
				       (select count(*) from messaging.message m
				        where m.thread_id = t.id and m.seq > me.last_read_seq
				          and m.sender_username is distinct from me.username
				          and (m.sender_role <> 'SYSTEM' or me.role = 'PATIENT')) as unread,
				       (select m.sender_role from messaging.message m where m.thread_id = t.id and m.sender_role <> 'SYSTEM'
				        order by m.seq desc limit 1) as last_from
				from messaging.participant me
				join messaging.thread t on t.id = me.thread_id
				join messaging.participant pp on pp.thread_id = t.id and pp.role = 'PATIENT'
				where me.username = ? and me.active
				order by t.urgent desc, (select m.sender_role from messaging.message m where m.thread_id = t.id
				                         and m.sender_role <> 'SYSTEM' order by m.seq desc limit 1) = 'PATIENT' desc,
				         t.last_message_at desc nulls last""")
				.param(user.username())
				.query((row, number) -> new Summary(row.getObject(1, UUID.class), new PatientId(row.getObject(2, UUID.class)),
						row.getString(3), row.getBoolean(4),
						row.getTimestamp(5) == null ? null : row.getTimestamp(5).toInstant(), row.getLong(6),
						"PATIENT".equals(row.getString(7))))
				.list();
	}

	/** How many of the patient's messages since a clinician last wrote are still waiting for an answer. */
	public int unansweredFor(PatientId patient) {
		return jdbc.sql("""
				select count(*) from messaging.message m join messaging.thread t on t.id = m.thread_id
				where t.patient_id = ? and m.sender_role = 'PATIENT'
				  and m.seq > coalesce((select max(c.seq) from messaging.message c
				                        where c.thread_id = t.id and c.sender_role in ('THERAPIST', 'COACH')), 0)""")
				.param(patient.id()).query(Integer.class).single();
	}
}
