package health.stride.visits.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientSummary;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.FieldErrors;
import health.stride.visits.Host;
import health.stride.visits.Schedules.Check;
import health.stride.visits.Visit;
import health.stride.visits.VisitBooked;
import health.stride.visits.VisitCancelled;
import health.stride.visits.VisitId;
import health.stride.visits.VisitRescheduled;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * Books, moves and cancels visits in {@code visits.visit}. Each booking locks its clinician's row
 * first, so bookings with one clinician take turns and the friendly checks (free time, a full day)
 * see every earlier booking; the exclusion constraints stay the guard, and also keep one patient
 * from two visits at once with two clinicians.
 */
@Service
@Transactional(readOnly = true)
class VisitBooking implements Visits {

	static final int MAX_REASON = 500;

	private static final String EXCLUSION_VIOLATION = "23P01";

	/** Control characters a reason may not hold: line breaks and tabs are fine. */
	private static final java.util.function.IntPredicate BOOKING_CONTROL = c -> Character.isISOControl(c) && c != '\n'
			&& c != '\r' && c != '\t';

	static final RowMapper<Visit> VISIT = (row, number) -> new Visit(new VisitId(row.getObject("id", UUID.class)),
			new PatientId(row.getObject("patient_id", UUID.class)), row.getObject("host_id", UUID.class),
			row.getString("type_key"), row.getTimestamp("starts_at").toInstant(), row.getTimestamp("ends_at").toInstant(),
			VisitStatus.valueOf(row.getString("status")), row.getString("booked_by"),
			row.getTimestamp("booked_at").toInstant(), row.getString("cancelled_by"),
			Optional.ofNullable(row.getTimestamp("cancelled_at")).map(Timestamp::toInstant).orElse(null),
			row.getBoolean("late"), row.getInt("rescheduled"));

	private final JdbcClient jdbc;
	private final JdbcHosts hosts;
	private final JdbcSchedules schedules;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	VisitBooking(JdbcClient jdbc, JdbcHosts hosts, JdbcSchedules schedules, VisitTypes types, PatientDirectory patients,
			CareTeams careTeams, ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.hosts = hosts;
		this.schedules = schedules;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	@Transactional
	public VisitId book(StrideUser by, PatientId patient, UUID clinicianId, String typeKey, Instant startsAt) {

		var summary = bookable(by, patient);
		var host = lockHost(clinicianId);
		if (by.has(Role.PATIENT) && !careTeams.isOnCareTeam(patient, host.username())) {
			throw new NotFound(); // a patient books with their own care team only
		}
		var type = type(by, host, typeKey, startsAt);
		patients.requireOpenPortal(summary.id());
		requireFree(host, type, patient, startsAt, null);

		var id = VisitId.random();
		var endsAt = startsAt.plus(type.length());
		insertOrTaken(() -> jdbc.sql("""
				insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
				                          booked_by, booked_at)
				values (?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?)""")
				.params(id.id(), patient.id(), host.id(), type.key(), Timestamp.from(startsAt), Timestamp.from(endsAt),
						Timestamp.from(endsAt.plus(host.buffer())), by.username(), Timestamp.from(clock.instant()))
				.update());
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "visit");
		events.publishEvent(new VisitBooked(CurrentTenant.require(), id, patient, host.id(), startsAt, endsAt));
		return id;
	}

	@Override
	@Transactional
	public void reschedule(StrideUser by, VisitId visitId, Instant startsAt) {

		var visit = participantOf(by, visitId);
		if (!visit.isBooked()) {
			throw new NotBooked();
		}
		var host = lockHost(visit.clinicianId());
		var type = types.find(visit.type()).orElseThrow();
		checkTime(by, startsAt);
		if (by.has(Role.PATIENT)) {
			patients.requireOpenPortal(visit.patient());
		}
		requireFree(host, type, visit.patient(), startsAt, visit.id());

		var endsAt = startsAt.plus(type.length());
		var late = late(by, visit);
		var moved = insertOrTaken(() -> jdbc.sql("""
				update visits.visit set starts_at = ?, ends_at = ?, held_until = ?, rescheduled = rescheduled + 1,
				       late = late or ?, version = version + 1
				where id = ? and status = 'BOOKED'""")
				.params(Timestamp.from(startsAt), Timestamp.from(endsAt), Timestamp.from(endsAt.plus(host.buffer())), late,
						visit.id().id())
				.update());
		if (moved == 0) {
			throw new NotBooked();
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, visit.patient().id(), "visit");
		events.publishEvent(new VisitRescheduled(CurrentTenant.require(), visit.id(), visit.patient(), host.id(),
				visit.startsAt(), startsAt, endsAt));
	}

	@Override
	@Transactional
	public void cancel(StrideUser by, VisitId visitId, @Nullable String reason) {

		var text = reason == null || reason.isBlank() ? null : reason.strip();
		if (text != null && (text.length() > MAX_REASON || text.chars().anyMatch(BOOKING_CONTROL::test))) {
			new FieldErrors().reject("reason", "visits.booking.invalid-reason", MAX_REASON).throwIfAny();
		}
		var visit = participantOf(by, visitId);
		if (visit.status() == VisitStatus.CANCELLED) {
			return;
		}
		if (!visit.isBooked()) {
			throw new NotBooked();
		}
		var late = late(by, visit);
		var cancelled = jdbc.sql("""
				update visits.visit set status = 'CANCELLED', cancelled_by = ?, cancelled_at = ?, cancel_reason = ?,
				       late = late or ?, version = version + 1
				where id = ? and status = 'BOOKED'""")
				.params(by.username(), Timestamp.from(clock.instant()), text, late, visit.id().id()).update();
		if (cancelled == 0) {
			return; // cancelled at the same moment by someone else
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, visit.patient().id(), "visit");
		events.publishEvent(new VisitCancelled(CurrentTenant.require(), visit.id(), visit.patient(), visit.clinicianId(),
				visit.startsAt(), late ? VisitCancelled.Timing.LATE : VisitCancelled.Timing.IN_TIME));
	}

	@Override
	public Optional<Visit> find(StrideUser reader, VisitId visit) {
		return find(visit).filter(it -> takesPart(reader, it));
	}

	@Override
	public Optional<Visit> find(VisitId visit) {
		return jdbc.sql("select * from visits.visit where id = ?").param(visit.id()).query(VISIT).optional();
	}

	@Override
	public List<Visit> ofPatient(PatientId patient) {
		return jdbc.sql("select * from visits.visit where patient_id = ? order by starts_at desc").param(patient.id())
				.query(VISIT).list();
	}

	@Override
	public List<Visit> ofClinician(UUID clinicianId, Instant from, Instant to) {
		return jdbc.sql("select * from visits.visit where host_id = ? and starts_at >= ? and starts_at < ? order by starts_at")
				.params(clinicianId, Timestamp.from(from), Timestamp.from(to)).query(VISIT).list();
	}

	@Override
	public List<Visit> search(VisitQuery query) {
		// each condition is a fixed fragment: the values go in as parameters
		var where = new java.util.ArrayList<String>();
		var patientIds = query.patients();
		if (patientIds != null) {
			if (patientIds.isEmpty()) {
				return List.of();
			}
			where.add("patient_id = any (:patients)");
		}
		if (query.from() != null) {
			where.add("starts_at >= :from");
		}
		if (query.until() != null) {
			where.add("starts_at < :until");
		}
		if (!query.statuses().isEmpty()) {
			where.add("status = any (:statuses)");
		}
		var sql = "select * from visits.visit " + (where.isEmpty() ? "" : "where " + String.join(" and ", where) + " ")
				+ (query.latestFirst() ? "order by starts_at desc, id desc" : "order by starts_at, id")
				+ " limit :limit offset :offset";
		var statement = jdbc.sql(sql).param("limit", query.limit()).param("offset", query.offset());
		if (patientIds != null) {
			statement = statement.param("patients", patientIds.stream().map(PatientId::id).toArray(UUID[]::new));
		}
		if (query.from() != null) {
			statement = statement.param("from", Timestamp.from(query.from()));
		}
		if (query.until() != null) {
			statement = statement.param("until", Timestamp.from(query.until()));
		}
		if (!query.statuses().isEmpty()) {
			statement = statement.param("statuses", query.statuses().stream().map(VisitStatus::name).sorted()
					.toArray(String[]::new));
		}
		return statement.query(VISIT).list();
	}

	/** The patient, if the booker may book for them: themselves, a patient of their care, or any patient for an administrator. */
	private PatientSummary bookable(StrideUser by, PatientId patient) {
		var summary = patients.find(patient).orElseThrow(NotFound::new);
		var allowed = by.has(Role.PATIENT) ? summary.username().equals(by.username())
				: CareTeam.mayOpenChart(careTeams.of(patient).orElse(null), by);
		if (!allowed) {
			throw new NotFound();
		}
		return summary;
	}

	private Host lockHost(UUID clinicianId) {
		var locked = jdbc.sql("select id from visits.host where id = ? and active for update").param(clinicianId)
				.query(UUID.class).optional();
		return locked.flatMap(hosts::find).orElseThrow(NotFound::new);
	}

	/** The kind of visit, if it exists, this clinician holds it and the booker may book it; the time, if allowed. */
	private VisitType type(StrideUser by, Host host, String key, Instant startsAt) {
		var errors = new FieldErrors();
		var type = types.all().stream().filter(it -> it.key().equals(key)).findFirst();
		VisitType.check(type.orElse(null), host.kind(), by.has(Role.PATIENT), errors);
		timeErrors(by, startsAt, errors);
		errors.throwIfAny();
		return type.orElseThrow();
	}

	private void checkTime(StrideUser by, Instant startsAt) {
		var errors = new FieldErrors();
		timeErrors(by, startsAt, errors);
		errors.throwIfAny();
	}

	private void timeErrors(StrideUser by, Instant startsAt, FieldErrors errors) {
		var now = clock.instant();
		if (!startsAt.isAfter(now)) {
			errors.reject("startsAt", "visits.booking.in-the-past");
		} else if (by.has(Role.PATIENT) && startsAt.isBefore(now.plus(PATIENT_LEAD))) {
			errors.reject("startsAt", "visits.booking.too-soon", PATIENT_LEAD.toHours());
		} else if (startsAt.isAfter(now.plus(HORIZON))) {
			errors.reject("startsAt", "visits.booking.too-far", HORIZON.toDays());
		}
	}

	/** Refuses a time outside the clinician's hours (a field error) or no longer free (taken). */
	private void requireFree(Host host, VisitType type, PatientId patient, Instant startsAt, @Nullable VisitId moving) {
		switch (schedules.check(host.id(), type, startsAt, moving)) {
			case OUTSIDE_HOURS -> new FieldErrors().reject("startsAt", "visits.booking.outside-hours").throwIfAny();
			case TAKEN, DAY_FULL -> throw new SlotTaken();
			case OPEN -> { }
		}
		var patientBusy = jdbc.sql("""
				select exists (select 1 from visits.visit
				               where patient_id = ? and status = 'BOOKED' and id <> ?
				                 and starts_at < ? and ends_at > ?)""")
				.params(patient.id(), moving == null ? new UUID(0, 0) : moving.id(),
						Timestamp.from(startsAt.plus(type.length())), Timestamp.from(startsAt))
				.query(Boolean.class).single();
		if (patientBusy) {
			throw new SlotTaken();
		}
	}

	private static int insertOrTaken(java.util.function.IntSupplier write) {
		try {
			return write.getAsInt();
		} catch (org.springframework.dao.DataAccessException e) {
			if (e.getMostSpecificCause() instanceof java.sql.SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
				throw new SlotTaken();
			}
			throw e;
		}
	}

	/** The patient changes it within the clinic's notice period. */
	private boolean late(StrideUser by, Visit visit) {
		return by.has(Role.PATIENT) && clock.instant().isAfter(visit.startsAt().minus(types.noticePeriod()));
	}

	private Visit participantOf(StrideUser by, VisitId visitId) {
		return find(by, visitId).orElseThrow(NotFound::new);
	}

	/** The patient, the clinician, the patient's care team and the clinic's administrators take part. */
	private boolean takesPart(StrideUser reader, Visit visit) {
		if (reader.has(Role.CLINIC_ADMIN)) {
			return true;
		}
		if (reader.has(Role.PATIENT)) {
			return patients.findByUsername(reader.username()).filter(it -> it.id().equals(visit.patient())).isPresent();
		}
		return reader.hasAny(Role.THERAPIST, Role.COACH) && (hosts.find(visit.clinicianId())
				.filter(it -> it.username().equals(reader.username())).isPresent()
				|| careTeams.isOnCareTeam(visit.patient(), reader.username()));
	}
}
