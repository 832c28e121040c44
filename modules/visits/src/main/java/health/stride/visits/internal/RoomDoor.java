package health.stride.visits.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientDirectory;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.VisitStatus;
import health.stride.visits.Visits;

/**
 * Decides who may come into a visit's video room, and when. The room is the visit's patient's and
 * clinician's, and a guest's the clinician invited; it opens {@link #OPENS_BEFORE} before the visit
 * and stays open {@link #STAYS_OPEN_AFTER} past its booked end, for a visit still booked. Anyone
 * else, in this clinic or another, finds no room at all, and the attempt is audited.
 */
@Service
@Transactional(readOnly = true)
public class RoomDoor {

	public static final Duration OPENS_BEFORE = Visits.ROOM_OPENS_BEFORE;
	public static final Duration STAYS_OPEN_AFTER = Visits.ROOM_STAYS_OPEN_AFTER;

	/** What someone at the room's door finds. */
	public sealed interface Entry {

		/** Come in. */
		record Open(RoomParticipant participant, Visit visit) implements Entry {}

		/** The room opens then. */
		record NotYet(Visit visit, Instant opensAt) implements Entry {}

		/** The visit is over, held, missed or its guest link has run out. */
		record Over(Visit visit) implements Entry {}

		/** The visit was cancelled. */
		record Cancelled(Visit visit) implements Entry {}

		/** No room for this person: not a participant, or no such visit in their clinic. */
		record Refused() implements Entry {}
	}

	private final Visits visits;
	private final Hosts hosts;
	private final PatientDirectory patients;
	private final AuditTrail audit;
	private final Clock clock;

	RoomDoor(Visits visits, Hosts hosts, PatientDirectory patients, AuditTrail audit, Clock clock) {
		this.visits = visits;
		this.hosts = hosts;
		this.patients = patients;
		this.audit = audit;
		this.clock = clock;
	}

	/** The door for a signed-in user: the visit's patient or its clinician. */
	public Entry enter(StrideUser user, VisitId visitId) {

		var visit = visits.find(visitId).orElse(null);
		if (visit == null) {
			return refused(user, null);
		}
		RoomParticipant participant = null;
		if (user.has(Role.PATIENT)) {
			participant = patients.findByUsername(user.username()).filter(it -> it.id().equals(visit.patient()))
					.map(it -> new RoomParticipant(visitId, CurrentTenant.require(), visit.patient(), RoomRole.PATIENT,
							user.username(), null, it.firstName() + " " + it.lastName(), user))
					.orElse(null);
		} else if (user.hasAny(Role.THERAPIST, Role.COACH)) {
			participant = hosts.find(visit.clinicianId()).filter(it -> it.username().equals(user.username()))
					.map(it -> new RoomParticipant(visitId, CurrentTenant.require(), visit.patient(), RoomRole.CLINICIAN,
							user.username(), null, it.displayName(), user))
					.orElse(null);
		}
		if (participant == null) {
			return refused(user, visit);
		}
		return timely(participant, visit, visit.endsAt().plus(STAYS_OPEN_AFTER));
	}

	/** The door for a guest the clinician invited: only that visit's room, until the visit's end. */
	public Entry enter(RoomGuests.Grant grant, VisitId visitId) {

		var visit = grant.visit().equals(visitId) ? visits.find(visitId).orElse(null) : null;
		if (visit == null) {
			audit.record(grant.actor(), grant.tenant(), AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, null, "visit-room");
			return new Entry.Refused();
		}
		return timely(new RoomParticipant(visitId, grant.tenant(), visit.patient(), RoomRole.GUEST, null, grant.guestId(),
				grant.displayName(), grant.actor()), visit, visit.endsAt());
	}

	private Entry timely(RoomParticipant participant, Visit visit, Instant closes) {
		var now = clock.instant();
		var opens = visit.startsAt().minus(OPENS_BEFORE);
		if (visit.status() == VisitStatus.CANCELLED) {
			return new Entry.Cancelled(visit);
		}
		if (visit.status() != VisitStatus.BOOKED || !now.isBefore(closes)) {
			return new Entry.Over(visit);
		}
		if (now.isBefore(opens)) {
			return new Entry.NotYet(visit, opens);
		}
		return new Entry.Open(participant, visit);
	}

	private Entry refused(StrideUser user, @Nullable Visit visit) {
		audit.record(user, CurrentTenant.get().orElse(null), AuditAction.ACCESS_DENIED, AuditOutcome.DENIED,
				visit == null ? null : visit.patient().id(), "visit-room");
		return new Entry.Refused();
	}
}
