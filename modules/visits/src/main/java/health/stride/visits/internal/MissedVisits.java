package health.stride.visits.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.VisitId;
import health.stride.visits.VisitMissed;

/**
 * Marks a booked visit that nobody started within {@link #GRACE} of its start as missed and tells
 * the other modules ({@link VisitMissed}). "Started" means someone came into its video room, or its
 * clinician marked it held (a visit held elsewhere, by telephone say).
 * <p>
 * Every node runs the job. One guarded update per clinic decides: only a visit still booked changes,
 * and a node whose update waited on another's row lock finds it missed already and changes nothing,
 * so each visit is marked, and announced, once. The event is published in the same transaction.
 */
@Component
class MissedVisits {

	static final Duration GRACE = Duration.ofMinutes(15);

	private static final Logger LOG = LoggerFactory.getLogger(MissedVisits.class);

	private final JdbcClient jdbc;
	private final ClinicRegistry clinics;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final TransactionTemplate transaction;
	private final Clock clock;

	MissedVisits(JdbcClient jdbc, ClinicRegistry clinics, ApplicationEventPublisher events, AuditTrail audit,
			PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.clinics = clinics;
		this.events = events;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${stride.visits.missed-interval:PT1M}",
			initialDelayString = "${stride.visits.missed-interval:PT1M}")
	void scheduled() {
		var now = clock.instant();
		for (var clinic : clinics.all()) {
			try {
				markMissed(clinic.tenant(), now);
			} catch (RuntimeException failed) { // one clinic's trouble does not hold up the others; the next run tries again
				LOG.warn("Marking missed visits of clinic {} failed: {}", clinic.tenant(), failed.getMessage());
			}
		}
	}

	/**
	 * Marks the clinic's visits still booked that started {@link #GRACE} or longer before {@code now}.
	 *
	 * @return how many this call marked
	 */
	int markMissed(TenantId clinic, Instant now) {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> {
			var missed = jdbc.sql("""
					update visits.visit set status = 'MISSED', version = version + 1
					where status = 'BOOKED' and starts_at <= ? and room_joined_at is null
					returning id, patient_id, host_id, starts_at""")
					.param(Timestamp.from(now.minus(GRACE)))
					.query((row, number) -> new VisitMissed(clinic, new VisitId(row.getObject("id", UUID.class)),
							new PatientId(row.getObject("patient_id", UUID.class)), row.getObject("host_id", UUID.class),
							row.getTimestamp("starts_at").toInstant()))
					.list();
			for (var event : missed) {
				audit.record(null, clinic, AuditAction.WRITE, AuditOutcome.SUCCESS, event.patient().id(), "visit");
				events.publishEvent(event);
			}
			return missed.size();
		}));
	}
}
