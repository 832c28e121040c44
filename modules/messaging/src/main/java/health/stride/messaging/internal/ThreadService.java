package health.stride.messaging.internal;

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
import health.stride.messaging.MessageSent;
import health.stride.messaging.SenderRole;
import health.stride.messaging.Threads;
import health.stride.platform.validation.FieldErrors;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PortalAccess;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * The threads behind {@link Threads}, and what only messaging's own listeners do with them: post as
 * Stride, clear the urgent mark. A clinician's access also follows the care team of record at once,
 * so one who left the clinic reads nothing more even before their participation is brought in step.
 */
@Service
@Transactional(readOnly = true)
class ThreadService implements Threads {

	private final JdbcClient jdbc;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	ThreadService(JdbcClient jdbc, PatientDirectory patients, CareTeams careTeams, ApplicationEventPublisher events,
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
	@Override
	@Transactional
	public UUID open(PatientId patient) {

		var now = java.sql.Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into messaging.thread (id, patient_id, created_at)
				values (?, ?, ?)
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

	private void join(UUID thread, String username, SenderRole role, String name, java.sql.Timestamp now) {
		// a newcomer starts with everything before marked read: only what is new to them counts as unread
		jdbc.sql("""
				insert into messaging.participant (thread_id, username, role, display_name, active, joined_at,
				    last_delivered_seq, last_read_seq)
				select t.id, ?, ?, ?, true, ?, t.last_seq, t.last_seq
				from messaging.thread t where t.id = ?
				on conflict (tenant_id, thread_id, username) do update
				set active = true, role = excluded.role, display_name = excluded.display_name""")
				.params(username, role.name(), name, now, thread).update();
	}

	/**
	 * Posts a participant's message.
	 *
	 * @throws NotFound unless the user takes part in the thread (actively)
	 */
	@Override
	@Transactional
	public Message post(UUID threadId, StrideUser sender, @Nullable String body) {

		var thread = find(threadId).orElseThrow(NotFound::new);
		var me = participating(thread, sender);
		if (me.role() == SenderRole.PATIENT && (!patients.portalAccess(thread.patient()).isOpen()
				|| closedAt(thread.patient()).isPresent())) {
			throw new PortalAccess.ReadOnly();
		}
		var text = body == null ? "" : body.strip();
		if (text.isEmpty() || text.length() > MAX_BODY) {
			new FieldErrors().reject("body", "messaging.thread.body.size", MAX_BODY).throwIfAny();
		}
		var message = insert(thread.id(), me.role(), me.displayName(), me.username(), text, null, List.of(), null);
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, thread.patient().id(), "message");
		events.publishEvent(new MessageSent(CurrentTenant.require(), thread.patient(), thread.id(), message.id(),
				me.role(), message.sentAt()));
		return message;
	}

	@Transactional
	@Override
	public void postFromStride(PatientId patient, String key, String code, List<String> arguments) {
		postSystem(patient, key, code, arguments, false);
	}

	/**
	 * Posts a message from Stride into the patient's thread, once per key however often it is asked:
	 * a message code of the bundles with its arguments, shown in each reader's language.
	 *
	 * @param urgent also marks the thread urgent for the care team
	 * @return the message, or nothing if one with this key was posted before (or the clinic has no such patient)
	 */
	@Transactional
	Optional<Message> postSystem(PatientId patient, String key, String code, List<String> arguments, boolean urgent) {
		if (patients.find(patient).isEmpty()) {
			return Optional.empty();
		}
		var thread = open(patient);
		if (jdbc.sql("select count(*) from messaging.message where system_key = ?").param(key).query(Long.class)
				.single() > 0) {
			return Optional.empty();
		}
		var message = insert(thread, SenderRole.SYSTEM, "Stride", null, null, code, arguments, key);
		if (urgent) {
			jdbc.sql("update messaging.thread set urgent = true where id = ?").param(thread).update();
		}
		events.publishEvent(new MessageSent(CurrentTenant.require(), patient, thread, message.id(), SenderRole.SYSTEM,
				message.sentAt()));
		return Optional.of(message);
	}

	/** The care team has dealt with the urgent matter. */
	@Transactional
	@Override
	public Optional<Instant> closedAt(PatientId patient) {
		return jdbc.sql("select closed_at from messaging.thread where patient_id = ? and closed_at is not null")
				.param(patient.id()).query((row, number) -> row.getTimestamp(1).toInstant()).optional();
	}

	/** Closes or opens the patient's thread again: for the episode listener only. */
	@Transactional
	void close(PatientId patient, boolean closed) {
		open(patient);
		if (closed) {
			jdbc.sql("update messaging.thread set closed_at = ? where patient_id = ? and closed_at is null")
					.params(java.sql.Timestamp.from(clock.instant()), patient.id()).update();
		} else {
			jdbc.sql("update messaging.thread set closed_at = null where patient_id = ?").param(patient.id()).update();
		}
	}

	@Transactional
	void clearUrgent(PatientId patient) {
		jdbc.sql("update messaging.thread set urgent = false where patient_id = ?").param(patient.id()).update();
	}

	private Message insert(UUID thread, SenderRole role, String name, @Nullable String username, @Nullable String body,
			@Nullable String code, List<String> arguments, @Nullable String key) {
		var now = clock.instant();
		var seq = jdbc.sql("""
				update messaging.thread set last_seq = last_seq + 1, last_message_at = ? where id = ? returning last_seq""")
				.params(java.sql.Timestamp.from(now), thread).query(Long.class).single();
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into messaging.message (thread_id, seq, id, sender_username, sender_role, sender_name, body, body_code,
				    body_args, sent_at, system_key)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(thread, seq, id, username, role.name(), name, body, code, arguments.toArray(String[]::new),
						java.sql.Timestamp.from(now), key)
				.update();
		return new Message(id, seq, role, name, username, body, code, arguments, now);
	}

	@Override
	public Optional<Thread> find(UUID threadId) {
		return jdbc.sql("select id, patient_id, urgent, last_seq from messaging.thread where id = ?").param(threadId)
				.query((row, number) -> new Thread(row.getObject(1, UUID.class), new PatientId(row.getObject(2, UUID.class)),
						row.getBoolean(3), row.getLong(4), participants(row.getObject(1, UUID.class))))
				.optional();
	}

	@Override
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
	@Override
	@Transactional
	public List<Message> read(UUID threadId, StrideUser reader, long after, boolean read) {
		var thread = find(threadId).orElseThrow(NotFound::new);
		var me = participating(thread, reader);
		// the newest 500 after the given number, shown oldest first
		var messages = new java.util.ArrayList<>(jdbc.sql("""
				select id, seq, sender_role, sender_name, sender_username, body, body_code, body_args, sent_at
				from messaging.message
				where thread_id = ? and seq > ? order by seq desc limit 500""")
				.params(thread.id(), after).query(ThreadService::message).list());
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
	@Override
	public List<Message> latest(PatientId patient, int limit) {
		return jdbc.sql("""
				select m.id, m.seq, m.sender_role, m.sender_name, m.sender_username, m.body, m.body_code, m.body_args,
				       m.sent_at
				from messaging.message m join messaging.thread t on t.id = m.thread_id
				where t.patient_id = ? order by m.seq desc limit ?""")
				.params(patient.id(), limit).query(ThreadService::message).list();
	}

	@Override
	public Optional<PatientMessage> message(UUID messageId) {
		return jdbc.sql("""
				select t.patient_id, m.thread_id, m.id, m.seq, m.sender_role, m.sender_name, m.sender_username, m.body,
				       m.body_code, m.body_args, m.sent_at
				from messaging.message m join messaging.thread t on t.id = m.thread_id
				where m.id = ?""")
				.param(messageId).query(ThreadService::patientMessage).optional();
	}

	@Override
	public List<PatientMessage> messages(MessageQuery query) {
		// each condition is a fixed fragment: the values go in as parameters
		var where = new java.util.ArrayList<String>();
		var patientIds = query.patients();
		if (patientIds != null) {
			if (patientIds.isEmpty()) {
				return List.of();
			}
			where.add("t.patient_id = any (:patients)");
		}
		if (query.sentFrom() != null) {
			where.add("m.sent_at >= :from");
		}
		if (query.sentUntil() != null) {
			where.add("m.sent_at < :until");
		}
		var sql = """
				select t.patient_id, m.thread_id, m.id, m.seq, m.sender_role, m.sender_name, m.sender_username, m.body,
				       m.body_code, m.body_args, m.sent_at
				from messaging.message m join messaging.thread t on t.id = m.thread_id
				""" + (where.isEmpty() ? "" : "where " + String.join(" and ", where) + "\n")
				+ (query.newestFirst() ? "order by m.sent_at desc, m.id desc" : "order by m.sent_at, m.id")
				+ " limit :limit offset :offset";
		var statement = jdbc.sql(sql).param("limit", query.limit()).param("offset", query.offset());
		if (patientIds != null) {
			statement = statement.param("patients", patientIds.stream().map(PatientId::id).toArray(UUID[]::new));
		}
		if (query.sentFrom() != null) {
			statement = statement.param("from", java.sql.Timestamp.from(query.sentFrom()));
		}
		if (query.sentUntil() != null) {
			statement = statement.param("until", java.sql.Timestamp.from(query.sentUntil()));
		}
		return statement.query(ThreadService::patientMessage).list();
	}

	private static PatientMessage patientMessage(java.sql.ResultSet row, int number) throws java.sql.SQLException {
		var arguments = row.getArray("body_args");
		var message = new Message(row.getObject("id", UUID.class), row.getLong("seq"),
				SenderRole.valueOf(row.getString("sender_role")), row.getString("sender_name"),
				row.getString("sender_username"), row.getString("body"), row.getString("body_code"),
				arguments == null ? List.of() : List.of((String[]) arguments.getArray()),
				row.getTimestamp("sent_at").toInstant());
		return new PatientMessage(new PatientId(row.getObject("patient_id", UUID.class)),
				row.getObject("thread_id", UUID.class), message);
	}

	/** The threads the user takes part in (actively), urgent and unanswered first, then the latest. */
	@Override
	public List<Summary> of(StrideUser user) {
		var threads = jdbc.sql("""
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
		if (user.has(Role.PATIENT)) {
			return threads;
		}
		var mine = java.util.Set.copyOf(careTeams.patientsOf(user.username()));
		return threads.stream().filter(it -> mine.contains(it.patient())).toList();
	}

	/**
	 * The reader's place in the thread: an active participant, a patient only in their own thread, and
	 * a clinician only while on the patient's care team of record (which ends the moment they leave).
	 */
	private Participant participating(Thread thread, StrideUser user) {
		return thread.participant(user.username()).filter(Participant::active)
				.filter(it -> (it.role() == SenderRole.PATIENT) == user.has(Role.PATIENT))
				.filter(it -> it.role() == SenderRole.PATIENT || careTeams.isOnCareTeam(thread.patient(), user.username()))
				.orElseThrow(NotFound::new);
	}

	private static Message message(java.sql.ResultSet row, int number) throws java.sql.SQLException {
		var arguments = row.getArray(8);
		return new Message(row.getObject(1, UUID.class), row.getLong(2), SenderRole.valueOf(row.getString(3)),
				row.getString(4), row.getString(5), row.getString(6), row.getString(7),
				arguments == null ? List.of() : List.of((String[]) arguments.getArray()), row.getTimestamp(9).toInstant());
	}

	/** How many of the patient's messages since a clinician last wrote are still waiting for an answer. */
	@Override
	public int unansweredFor(PatientId patient) {
		return jdbc.sql("""
				select count(*) from messaging.message m join messaging.thread t on t.id = m.thread_id
				where t.patient_id = ? and m.sender_role = 'PATIENT'
				  and m.seq > coalesce((select max(c.seq) from messaging.message c
				                        where c.thread_id = t.id and c.sender_role in ('THERAPIST', 'COACH')), 0)""")
				.param(patient.id()).query(Integer.class).single();
	}
}
