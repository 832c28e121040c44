package health.stride.visits.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntPredicate;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.FieldErrors;
import health.stride.visits.Host;
import health.stride.visits.Visit;
import health.stride.visits.VisitCompleted;
import health.stride.visits.VisitId;
import health.stride.visits.VisitNote;
import health.stride.visits.VisitNote.Sections;
import health.stride.visits.VisitNotes;
import health.stride.visits.VisitStatus;
import health.stride.visits.Visits;

/**
 * Visit notes in {@code visits.visit_note} and their addenda. Every write locks the visit's row first,
 * so a note is never signed on a visit being cancelled at the same moment and two signatures take
 * turns: the second finds the note signed and changes nothing. The database refuses any change to a
 * signed note (a trigger) and any change to an addendum (no privilege), whatever this class does.
 */
@Service
@Transactional(readOnly = true)
class JdbcVisitNotes implements VisitNotes {

	static final String RESOURCE = "visit-note";

	/** Control characters a note may not hold: line breaks and tabs are fine. */
	private static final IntPredicate CONTROL = c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';

	private final JdbcClient jdbc;
	private final Visits visits;
	private final JdbcHosts hosts;
	private final CareTeams careTeams;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	JdbcVisitNotes(JdbcClient jdbc, Visits visits, JdbcHosts hosts, CareTeams careTeams, ApplicationEventPublisher events,
			AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.visits = visits;
		this.hosts = hosts;
		this.careTeams = careTeams;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public VisitNote write(StrideUser clinician, VisitId visitId) {
		var visit = ownVisit(clinician, visitId, false);
		var stored = stored(visit);
		audit.record(AuditAction.READ, AuditOutcome.SUCCESS, visit.patient().id(), RESOURCE);
		if (stored.isPresent()) {
			return stored.get();
		}
		requireOpen(visit);
		return new VisitNote(visit.id(), visit.patient(), visit.clinicianId(), Sections.empty(), durationOf(visit), null,
				null, null, null, 0, List.of());
	}

	@Override
	public Optional<VisitNote> find(StrideUser reader, VisitId visitId) {
		var visit = visits.find(visitId);
		var allowed = visit.filter(it -> mayRead(reader, it)).isPresent();
		audit.record(reader, CurrentTenant.get().orElse(null), allowed ? AuditAction.READ : AuditAction.ACCESS_DENIED,
				allowed ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, visit.map(it -> it.patient().id()).orElse(null),
				RESOURCE);
		return allowed ? stored(visit.get()) : Optional.empty();
	}

	@Override
	@Transactional
	public VisitNote saveDraft(StrideUser clinician, VisitId visitId, Sections sections, @Nullable Integer minutes,
			long version) {
		var visit = ownVisit(clinician, visitId, true);
		var errors = new FieldErrors();
		var text = clean(sections, false, errors);
		checkMinutes(minutes, false, errors);
		errors.throwIfAny();
		var stored = stored(visit);
		if (stored.map(VisitNote::signed).orElse(false)) {
			throw new StaleVersion();
		}
		requireOpen(visit);
		store(clinician, visit, text, minutes, version, false);
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, visit.patient().id(), RESOURCE);
		return stored(visit).orElseThrow();
	}

	@Override
	@Transactional
	public VisitNote sign(StrideUser clinician, VisitId visitId, Sections sections, @Nullable Integer minutes,
			long version) {
		var visit = ownVisit(clinician, visitId, true);
		var stored = stored(visit);
		if (stored.map(VisitNote::signed).orElse(false)) {
			return stored.get(); // signed already, here or in another tab: nothing changes, nothing is announced again
		}
		var errors = new FieldErrors();
		var text = clean(sections, true, errors);
		checkMinutes(minutes, true, errors);
		errors.throwIfAny();
		requireOpen(visit);
		store(clinician, visit, text, minutes, version, true);
		jdbc.sql("update visits.visit set status = 'COMPLETED', version = version + 1 where id = ? and status <> 'COMPLETED'")
				.param(visit.id().id()).update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, visit.patient().id(), RESOURCE);
		events.publishEvent(new VisitCompleted(CurrentTenant.require(), visit.id(), visit.patient(), visit.clinicianId(),
				visit.startsAt(), visit.endsAt(), java.util.Objects.requireNonNull(minutes)));
		return stored(visit).orElseThrow();
	}

	@Override
	@Transactional
	public VisitNote addAddendum(StrideUser clinician, VisitId visitId, String body) {
		var visit = ownVisit(clinician, visitId, true);
		var text = body.strip();
		var errors = new FieldErrors();
		if (text.isEmpty()) {
			errors.reject("body", "visits.note.addendum.required");
		} else if (text.length() > MAX_ADDENDUM) {
			errors.reject("body", "visits.note.too-long", MAX_ADDENDUM);
		} else if (text.chars().anyMatch(CONTROL)) {
			errors.reject("body", "visits.note.control-characters");
		}
		if (!stored(visit).map(VisitNote::signed).orElse(false)) {
			errors.reject(FieldErrors.FORM, "visits.note.addendum.not-signed");
		}
		errors.throwIfAny();
		jdbc.sql("insert into visits.visit_note_addendum (id, visit_id, body, signed_by, signed_at) values (?, ?, ?, ?, ?)")
				.params(UUID.randomUUID(), visit.id().id(), text, clinician.username(), Timestamp.from(clock.instant()))
				.update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, visit.patient().id(), RESOURCE);
		return stored(visit).orElseThrow();
	}

	@Override
	public List<VisitNote> signedOf(StrideUser reader, PatientId patient) {
		var wholeTeam = reader.has(Role.CLINIC_ADMIN)
				|| reader.hasAny(Role.THERAPIST, Role.COACH) && careTeams.isOnCareTeam(patient, reader.username());
		var notes = jdbc.sql("""
				select n.*, v.patient_id, v.host_id from visits.visit_note n
				join visits.visit v on v.tenant_id = n.tenant_id and v.id = n.visit_id
				join visits.host h on h.tenant_id = v.tenant_id and h.id = v.host_id
				where v.patient_id = ? and n.signed_at is not null and (? or h.username = ?)
				order by v.starts_at desc""")
				.params(patient.id(), wholeTeam, reader.username())
				.query((row, number) -> note(row, List.of())).list();
		if (!notes.isEmpty()) {
			audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patient.id(), RESOURCE);
		}
		return notes.stream().map(this::withAddenda).toList();
	}

	@Override
	public List<MonthlyMinutes> minutesByMonth(StrideUser admin, ZoneId zone, YearMonth from, YearMonth to) {
		if (!admin.has(Role.CLINIC_ADMIN)) {
			return List.of();
		}
		return jdbc.sql("""
				select v.host_id, h.display_name, to_char(v.starts_at at time zone ?, 'YYYY-MM') as month,
				       count(*) as visits, sum(n.minutes) as minutes
				from visits.visit v
				join visits.visit_note n on n.tenant_id = v.tenant_id and n.visit_id = v.id
				join visits.host h on h.tenant_id = v.tenant_id and h.id = v.host_id
				where n.signed_at is not null and v.status = 'COMPLETED' and v.starts_at >= ? and v.starts_at < ?
				group by v.host_id, h.display_name, month
				order by h.display_name, v.host_id, month""")
				.params(zone.getId(), Timestamp.from(from.atDay(1).atStartOfDay(zone).toInstant()),
						Timestamp.from(to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()))
				.query((row, number) -> new MonthlyMinutes(row.getObject("host_id", UUID.class),
						row.getString("display_name"), YearMonth.parse(row.getString("month")), row.getInt("visits"),
						row.getLong("minutes")))
				.list();
	}

	/**
	 * The minutes a note starts with: how long the call ran, from when the clinician let someone in
	 * to when the call ended, rounded up; the visit's booked length when the room did not record both.
	 */
	int durationOf(Visit visit) {
		var call = jdbc.sql("select call_started_at, call_ended_at from visits.visit where id = ?").param(visit.id().id())
				.query((row, number) -> {
					var started = row.getTimestamp("call_started_at");
					var ended = row.getTimestamp("call_ended_at");
					return started == null || ended == null ? null
							: Duration.between(started.toInstant(), ended.toInstant());
				}).optional();
		var length = call.isPresent() && !call.get().isNegative() && !call.get().isZero() ? call.get()
				: Duration.between(visit.startsAt(), visit.endsAt());
		var minutes = length.plusSeconds(59).toMinutes();
		return (int) Math.max(1, Math.min(MAX_MINUTES, minutes));
	}

	/** The visit, if it is this clinician's own; for a write its row stays locked until the transaction ends. */
	private Visit ownVisit(StrideUser clinician, VisitId visitId, boolean lock) {
		if (!clinician.hasAny(Role.THERAPIST, Role.COACH)) {
			throw new Visits.NotFound();
		}
		if (lock) {
			jdbc.sql("select 1 from visits.visit where id = ? for update").param(visitId.id()).query().listOfRows();
		}
		return visits.find(visitId)
				.filter(it -> hosts.find(it.clinicianId()).map(Host::username).filter(clinician.username()::equals).isPresent())
				.orElseThrow(Visits.NotFound::new);
	}

	private boolean mayRead(StrideUser reader, Visit visit) {
		if (reader.has(Role.CLINIC_ADMIN)) {
			return true;
		}
		return reader.hasAny(Role.THERAPIST, Role.COACH) && (careTeams.isOnCareTeam(visit.patient(), reader.username())
				|| hosts.find(visit.clinicianId()).map(Host::username).filter(reader.username()::equals).isPresent());
	}

	/** A note is written on a visit not cancelled, from {@link #OPENS_BEFORE} before its start. */
	private void requireOpen(Visit visit) {
		if (visit.status() == VisitStatus.CANCELLED) {
			new FieldErrors().reject(FieldErrors.FORM, "visits.note.cancelled").throwIfAny();
		}
		if (clock.instant().isBefore(visit.startsAt().minus(OPENS_BEFORE))) {
			new FieldErrors().reject(FieldErrors.FORM, "visits.note.not-yet", OPENS_BEFORE.toMinutes()).throwIfAny();
		}
	}

	private static Sections clean(Sections sections, boolean complete, FieldErrors errors) {
		return new Sections(section("subjective", sections.subjective(), complete, errors),
				section("objective", sections.objective(), complete, errors),
				section("assessment", sections.assessment(), complete, errors),
				section("plan", sections.plan(), complete, errors));
	}

	private static String section(String field, @Nullable String text, boolean required, FieldErrors errors) {
		var value = text == null ? "" : text.strip();
		if (value.length() > MAX_SECTION) {
			errors.reject(field, "visits.note.too-long", MAX_SECTION);
		} else if (value.chars().anyMatch(CONTROL)) {
			errors.reject(field, "visits.note.control-characters");
		} else if (required && value.isEmpty()) {
			errors.reject(field, "visits.note.required");
		}
		return value;
	}

	private static void checkMinutes(@Nullable Integer minutes, boolean required, FieldErrors errors) {
		if (minutes == null ? required : minutes < 1 || minutes > MAX_MINUTES) {
			errors.reject("minutes", "visits.note.minutes", MAX_MINUTES);
		}
	}

	/** Inserts the first version of the note or changes the draft still at {@code version}; else stale. */
	private void store(StrideUser clinician, Visit visit, Sections text, @Nullable Integer minutes, long version,
			boolean signing) {
		var now = Timestamp.from(clock.instant());
		var signedBy = signing ? clinician.username() : null;
		var signedAt = signing ? now : null;
		int written;
		if (version == 0) {
			written = jdbc.sql("""
					insert into visits.visit_note (visit_id, subjective, objective, assessment, plan, minutes, drafted_by,
					                               drafted_at, signed_by, signed_at, version)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
					on conflict (tenant_id, visit_id) do nothing""")
					.params(visit.id().id(), text.subjective(), text.objective(), text.assessment(), text.plan(), minutes,
							clinician.username(), now, signedBy, signedAt)
					.update();
		} else {
			written = jdbc.sql("""
					update visits.visit_note
					set subjective = ?, objective = ?, assessment = ?, plan = ?, minutes = ?, drafted_by = ?, drafted_at = ?,
					    signed_by = ?, signed_at = ?, version = version + 1
					where visit_id = ? and version = ? and signed_at is null""")
					.params(text.subjective(), text.objective(), text.assessment(), text.plan(), minutes,
							clinician.username(), now, signedBy, signedAt, visit.id().id(), version)
					.update();
		}
		if (written == 0) {
			throw new StaleVersion();
		}
	}

	private Optional<VisitNote> stored(Visit visit) {
		return jdbc.sql("""
				select n.*, v.patient_id, v.host_id from visits.visit_note n
				join visits.visit v on v.tenant_id = n.tenant_id and v.id = n.visit_id
				where n.visit_id = ?""")
				.param(visit.id().id()).query((row, number) -> note(row, List.of())).optional()
				.map(this::withAddenda);
	}

	private VisitNote withAddenda(VisitNote note) {
		if (!note.signed()) {
			return note;
		}
		var addenda = jdbc.sql("""
				select id, body, signed_by, signed_at from visits.visit_note_addendum where visit_id = ?
				order by signed_at, id""")
				.param(note.visit().id())
				.query((row, number) -> new VisitNote.Addendum(row.getObject("id", UUID.class), row.getString("body"),
						row.getString("signed_by"), row.getTimestamp("signed_at").toInstant()))
				.list();
		return new VisitNote(note.visit(), note.patient(), note.clinicianId(), note.sections(), note.minutes(),
				note.draftedBy(), note.draftedAt(), note.signedBy(), note.signedAt(), note.version(), addenda);
	}

	private static VisitNote note(ResultSet row, List<VisitNote.Addendum> addenda) throws SQLException {
		return new VisitNote(new VisitId(row.getObject("visit_id", UUID.class)),
				new PatientId(row.getObject("patient_id", UUID.class)), row.getObject("host_id", UUID.class),
				new Sections(row.getString("subjective"), row.getString("objective"), row.getString("assessment"),
						row.getString("plan")),
				row.getObject("minutes", Integer.class), row.getString("drafted_by"), instant(row.getTimestamp("drafted_at")),
				row.getString("signed_by"), instant(row.getTimestamp("signed_at")), row.getLong("version"), addenda);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
