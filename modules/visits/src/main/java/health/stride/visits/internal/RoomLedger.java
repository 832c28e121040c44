package health.stride.visits.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.messaging.Threads;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.visits.VisitId;

/**
 * Who is in each video room, in {@code visits.room_peer}, with the clinic bound by the caller: joins,
 * admissions, leaves, the call's start and end, and the call's text side-channel, which is saved
 * into the patient's thread when the call ends. Joins, admissions and leaves are audited.
 */
@Service
@Transactional
class RoomLedger {

	/** A peer not seen for this long is gone, even if its node never said so (the node died). */
	static final Duration PRESENCE = Duration.ofSeconds(60);

	static final int MAX_CHAT = 2000;

	/** One connection in a room, as the others see it. */
	record Peer(UUID id, RoomRole role, String displayName, boolean admitted) {}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Threads threads;
	private final Clock clock;

	RoomLedger(JdbcClient jdbc, AuditTrail audit, Threads threads, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.threads = threads;
		this.clock = clock;
	}

	/**
	 * Someone came into the room on a new connection. The clinician is in at once; a patient or guest
	 * the clinician admitted before (on an earlier connection to this visit) is in again at once, and
	 * anyone else waits. The visit counts as started from the first join.
	 *
	 * @return whether the newcomer is admitted
	 */
	boolean join(RoomParticipant who, UUID peer) {
		var now = Timestamp.from(clock.instant());
		var admitted = who.role() == RoomRole.CLINICIAN || jdbc.sql("""
				select exists (select 1 from visits.room_peer where visit_id = ? and admitted_at is not null
				               and (username = ? or guest_id = ?))""")
				.params(who.visit().id(), who.username(), who.guestId()).query(Boolean.class).single();
		jdbc.sql("""
				insert into visits.room_peer (id, visit_id, role, username, guest_id, display_name, joined_at, admitted_at, seen_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(peer, who.visit().id(), who.role().name(), who.username(), who.guestId(), who.displayName(), now,
						admitted ? now : null, now)
				.update();
		jdbc.sql("update visits.visit set room_joined_at = coalesce(room_joined_at, ?) where id = ?")
				.params(now, who.visit().id()).update();
		audit.record(who.actor(), who.tenant(), AuditAction.READ, AuditOutcome.SUCCESS, who.patient().id(), "visit-room-join");
		return admitted;
	}

	/**
	 * The clinician lets a waiting peer of this room in; the call starts with the first admission.
	 *
	 * @return the peer, if it was waiting in this room
	 */
	Optional<Peer> admit(RoomParticipant clinician, UUID peer) {
		var now = Timestamp.from(clock.instant());
		var admitted = jdbc.sql("""
				update visits.room_peer set admitted_at = ?
				where id = ? and visit_id = ? and left_at is null and admitted_at is null
				returning id, role, display_name""")
				.params(now, peer, clinician.visit().id())
				.query((row, number) -> new Peer(row.getObject("id", UUID.class), RoomRole.valueOf(row.getString("role")),
						row.getString("display_name"), true))
				.optional();
		if (admitted.isPresent()) {
			jdbc.sql("update visits.visit set call_started_at = coalesce(call_started_at, ?) where id = ?")
					.params(now, clinician.visit().id()).update();
			audit.record(clinician.actor(), clinician.tenant(), AuditAction.WRITE, AuditOutcome.SUCCESS,
					clinician.patient().id(), "visit-room-admission");
		}
		return admitted;
	}

	/** A connection closed. */
	void leave(RoomParticipant who, UUID peer) {
		var left = jdbc.sql("update visits.room_peer set left_at = ? where id = ? and left_at is null")
				.params(Timestamp.from(clock.instant()), peer).update();
		if (left > 0) {
			audit.record(who.actor(), who.tenant(), AuditAction.READ, AuditOutcome.SUCCESS, who.patient().id(),
					"visit-room-leave");
		}
	}

	/** The peers of this node are still there. */
	void seen(Collection<UUID> peers) {
		if (!peers.isEmpty()) {
			jdbc.sql("update visits.room_peer set seen_at = ? where id = any(?) and left_at is null")
					.params(Timestamp.from(clock.instant()), peers.toArray(UUID[]::new)).update();
		}
	}

	/** Everyone in the room now, first come first. */
	List<Peer> present(VisitId visit) {
		return jdbc.sql("""
				select id, role, display_name, admitted_at is not null as admitted from visits.room_peer
				where visit_id = ? and left_at is null and seen_at > ? order by joined_at, id""")
				.params(visit.id(), Timestamp.from(clock.instant().minus(PRESENCE)))
				.query((row, number) -> new Peer(row.getObject("id", UUID.class), RoomRole.valueOf(row.getString("role")),
						row.getString("display_name"), row.getBoolean("admitted")))
				.list();
	}

	/** The peer, if it is in this room now and admitted. */
	boolean isAdmitted(VisitId visit, UUID peer) {
		return jdbc.sql("""
				select exists (select 1 from visits.room_peer where id = ? and visit_id = ? and left_at is null
				               and admitted_at is not null)""")
				.params(peer, visit.id()).query(Boolean.class).single();
	}

	/** A line of the call's text side-channel, kept until the call ends. */
	void chat(RoomParticipant who, UUID peer, String text) {
		jdbc.sql("""
				insert into visits.room_chat (visit_id, peer_id, author_name, author_role, body, sent_at)
				values (?, ?, ?, ?, ?, ?)""")
				.params(who.visit().id(), peer, who.displayName(), who.role().name(), text, Timestamp.from(clock.instant()))
				.update();
	}

	/**
	 * The clinician ended the call: everyone leaves, and what was written on the side-channel goes
	 * into the patient's thread, once.
	 */
	void end(RoomParticipant clinician) {
		var now = Timestamp.from(clock.instant());
		var visit = clinician.visit();
		jdbc.sql("update visits.visit set call_ended_at = ? where id = ?").params(now, visit.id()).update();
		jdbc.sql("update visits.room_peer set left_at = ? where visit_id = ? and left_at is null")
				.params(now, visit.id()).update();
		saveChat(clinician);
		audit.record(clinician.actor(), clinician.tenant(), AuditAction.WRITE, AuditOutcome.SUCCESS,
				clinician.patient().id(), "visit-room-end");
	}

	/**
	 * Posts the side-channel's unsaved lines into the patient's thread, as one message from Stride
	 * naming the clinician. The lines carry no times: the thread is read later in other time zones.
	 */
	private void saveChat(RoomParticipant clinician) {
		var visit = clinician.visit();
		record Line(String author, String body, Instant at) {}
		var lines = jdbc.sql("""
				update visits.room_chat set saved_at = ? where visit_id = ? and saved_at is null
				returning author_name, body, sent_at""")
				.params(Timestamp.from(clock.instant()), visit.id())
				.query((row, number) -> new Line(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant()))
				.list().stream().sorted(Comparator.comparing(Line::at)).toList();
		if (lines.isEmpty()) {
			return;
		}
		var transcript = lines.stream().map(it -> it.author() + ": " + it.body()).collect(Collectors.joining("\n"));
		threads.postFromStride(clinician.patient(), "visit-room-chat:" + visit + ":" + lines.getFirst().at(),
				"visits.thread.room-chat", List.of(clinician.displayName(), transcript));
	}
}
