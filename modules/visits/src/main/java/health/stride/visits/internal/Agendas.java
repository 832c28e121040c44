package health.stride.visits.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.Host;
import health.stride.visits.VisitHeld;
import health.stride.visits.VisitId;
import health.stride.visits.Visits;

/**
 * What the clinicians' agenda needs beside {@link Visits}: the clinicians an administrator may pick,
 * and the clinician's word that a visit took place.
 */
@Service
@Transactional(readOnly = true)
public class Agendas {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	Agendas(JdbcClient jdbc, ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/** Which of these visits have someone waiting in their video room now. */
	public java.util.Set<VisitId> waiting(java.util.Collection<VisitId> visits) {
		if (visits.isEmpty()) {
			return java.util.Set.of();
		}
		return java.util.Set.copyOf(jdbc.sql("""
				select distinct visit_id from visits.room_peer
				where visit_id = any(?) and left_at is null and admitted_at is null and seen_at > ?""")
				.params(visits.stream().map(VisitId::id).toArray(java.util.UUID[]::new),
						Timestamp.from(clock.instant().minus(RoomLedger.PRESENCE)))
				.query((row, number) -> new VisitId(row.getObject(1, java.util.UUID.class))).list());
	}

	/** The clinic's clinicians who hold visits now, by name. */
	public List<Host> hosts() {
		return jdbc.sql("select " + JdbcHosts.COLUMNS + " from visits.host where active order by display_name, id")
				.query(JdbcHosts.HOST).list();
	}

	/**
	 * The clinician says the visit took place: a booked visit of theirs that has started becomes held
	 * (completed), so the missed-visit job leaves it alone. One the job marked missed already may be
	 * corrected the same way (the caseload follows; the thread's message about it stays). Saying it
	 * twice changes nothing.
	 *
	 * @return false unless the visit is the clinician's, has started and is booked or missed
	 * @throws Visits.NotFound unless the visit is this clinician's
	 */
	@Transactional
	public boolean markHeld(StrideUser clinician, VisitId visit) {
		var held = jdbc.sql("""
				update visits.visit v set status = 'COMPLETED', version = v.version + 1
				from visits.host h
				where v.id = ? and h.id = v.host_id and h.username = ? and v.status in ('BOOKED', 'MISSED') and v.starts_at <= ?
				returning v.patient_id, v.host_id, v.starts_at""")
				.params(visit.id(), clinician.username(), Timestamp.from(clock.instant()))
				.query((row, number) -> new VisitHeld(CurrentTenant.require(), visit,
						new health.stride.patients.PatientId(row.getObject("patient_id", java.util.UUID.class)),
						row.getObject("host_id", java.util.UUID.class), row.getTimestamp("starts_at").toInstant()))
				.optional();
		if (held.isEmpty()) {
			var mine = jdbc.sql("""
					select exists (select 1 from visits.visit v join visits.host h on h.id = v.host_id
					               where v.id = ? and h.username = ?)""")
					.params(visit.id(), clinician.username()).query(Boolean.class).single();
			if (!mine) {
				throw new Visits.NotFound();
			}
			return false;
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, held.get().patient().id(), "visit");
		events.publishEvent(held.get());
		return true;
	}
}
