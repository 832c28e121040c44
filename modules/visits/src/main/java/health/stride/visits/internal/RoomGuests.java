package health.stride.visits.internal;

import java.io.Serializable;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.FieldErrors;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;

/**
 * One-time links for a third participant in a visit: an interpreter or a caregiver, named by the
 * clinician. Only the SHA-256 digest of a link's secret is kept. A link works once, for its visit,
 * until the visit's booked end; its holder then waits in the room like the patient does. Creating,
 * using and every refused use are audited.
 */
@Service
public class RoomGuests {

	public static final int MAX_NAME = 100;

	/** A link's secret: 32 random bytes, URL-safe Base64 without padding. */
	static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Who a guest is in this browser session, once their link let them in: one visit of one clinic. */
	public record Grant(TenantId tenant, VisitId visit, UUID guestId, String displayName) implements Serializable {

		/** Whom the audit trail names for the guest: the link's id, nothing personal. */
		public StrideUser actor() {
			return new StrideUser("room-guest:" + guestId, "room-guest", List.of(tenant), Set.of());
		}

		@Override
		public String toString() {
			return "Grant[visit=" + visit + "]";
		}
	}

	public enum Relation {
		INTERPRETER, CAREGIVER
	}

	/** What a link gives: a way in, or why not. */
	public sealed interface Use {

		record Granted(Grant grant) implements Use {}

		record Used() implements Use {}

		record Expired() implements Use {}

		record Unknown() implements Use {}
	}

	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final AuditTrail audit;
	private final Clock clock;

	RoomGuests(JdbcClient jdbc, PlatformTransactionManager transactions, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The clinician in the room invites someone: a new link's secret, to be shown once.
	 *
	 * @throws health.stride.platform.validation.InvalidInput for a missing, too long or unprintable name
	 */
	public String invite(RoomParticipant clinician, Visit visit, String name, Relation relation) {

		var errors = new FieldErrors();
		var clean = name == null ? "" : name.strip();
		if (clean.isEmpty()) {
			errors.reject("name", "visits.room.guest.name-required");
		} else if (clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
			errors.reject("name", "visits.room.guest.name-invalid");
		}
		errors.throwIfAny();
		if (clinician.role() != RoomRole.CLINICIAN || !clinician.visit().equals(visit.id())) {
			throw new IllegalArgumentException("Only the visit's clinician invites");
		}
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		CurrentTenant.runAs(clinician.tenant(), () -> transaction.executeWithoutResult(status -> {
			jdbc.sql("""
					insert into visits.room_guest (visit_id, display_name, relation, digest, created_by, created_at, expires_at)
					values (?, ?, ?, ?, ?, ?, ?)""")
					.params(visit.id().id(), clean, relation.name(), CalendarFeeds.digest(token),
							clinician.actor().username(), Timestamp.from(clock.instant()), Timestamp.from(visit.endsAt()))
					.update();
			audit.record(clinician.actor(), clinician.tenant(), AuditAction.WRITE, AuditOutcome.SUCCESS,
					clinician.patient().id(), "visit-room-guest-link");
		}));
		return token;
	}

	/**
	 * Someone opens a link: found with no clinic bound (the transaction names the secret's digest and
	 * the table's by-token policy shows that one row), then used with its clinic bound, once.
	 */
	public Use use(String token) {

		if (token == null || !TOKEN.matcher(token).matches()) {
			return new Use.Unknown();
		}
		var digest = CalendarFeeds.digest(token);
		record Link(UUID id, TenantId tenant, VisitId visit, String name, Instant expires) {}
		var link = transaction.execute(status -> {
			jdbc.sql("select set_config('stride.room_guest', ?, true)").param(HexFormat.of().formatHex(digest))
					.query(String.class).single();
			return jdbc.sql("select tenant_id, id, visit_id, display_name, expires_at from visits.room_guest where digest = ?")
					.param(digest)
					.query((row, number) -> new Link(row.getObject(2, UUID.class), TenantId.of(row.getString(1)),
							new VisitId(row.getObject(3, UUID.class)), row.getString(4), row.getTimestamp(5).toInstant()))
					.optional();
		});
		if (link == null || link.isEmpty()) {
			audit.record(null, null, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, null, "visit-room-guest-link");
			return new Use.Unknown();
		}
		var found = link.get();
		var grant = new Grant(found.tenant(), found.visit(), found.id(), found.name());
		var now = clock.instant();
		return CurrentTenant.callAs(found.tenant(), () -> transaction.execute(status -> {
			var patient = jdbc.sql("select patient_id from visits.visit where id = ?").param(found.visit().id())
					.query(UUID.class).single();
			if (!now.isBefore(found.expires())) {
				audit.record(grant.actor(), found.tenant(), AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, patient,
						"visit-room-guest-link-expired");
				return new Use.Expired();
			}
			var first = jdbc.sql("update visits.room_guest set used_at = ? where id = ? and used_at is null")
					.params(Timestamp.from(now), found.id()).update() == 1;
			if (!first) {
				audit.record(grant.actor(), found.tenant(), AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, patient,
						"visit-room-guest-link-reused");
				return new Use.Used();
			}
			audit.record(grant.actor(), found.tenant(), AuditAction.READ, AuditOutcome.SUCCESS, patient,
					"visit-room-guest-link-used");
			return new Use.Granted(grant);
		}));
	}
}
