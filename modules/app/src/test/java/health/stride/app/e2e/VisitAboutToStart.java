package health.stride.app.e2e;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Hosts;

/** The video room tests' visit: demo patient Maya's follow-up with Alex in five minutes, its room open. */
final class VisitAboutToStart {

	static final TenantId NORTHSIDE = TenantId.of("northside");

	private VisitAboutToStart() {}

	/**
	 * Written straight into the table (booking keeps staff to the clinician's hours, and tests run at
	 * any hour); whatever either of them had booked around that time is cancelled first.
	 */
	static UUID book(PatientDirectory patients, Hosts hosts, JdbcClient jdbc, PlatformTransactionManager transactions) {
		var maya = CurrentTenant.callAs(NORTHSIDE, () -> patients.findByUsername("patient.maya")).orElseThrow();
		var alex = CurrentTenant.callAs(NORTHSIDE, () -> hosts.findByUsername("pt.alex")).orElseThrow();
		var startsAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(5));
		var visit = UUID.randomUUID();
		CurrentTenant.runAs(NORTHSIDE, () -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			jdbc.sql("""
					update visits.visit set status = 'CANCELLED', cancelled_by = 'test', cancelled_at = now()
					where status = 'BOOKED' and (host_id = ? or patient_id = ?) and starts_at < ? and held_until > ?""")
					.params(alex.id(), maya.id().id(), Timestamp.from(startsAt.plus(Duration.ofHours(1))),
							Timestamp.from(startsAt.minus(Duration.ofHours(1))))
					.update();
			jdbc.sql("""
					insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
					                          booked_by, booked_at)
					values (?, ?, ?, 'follow-up', ?, ?, ?, 'BOOKED', 'pt.alex', now())""")
					.params(visit, maya.id().id(), alex.id(), Timestamp.from(startsAt),
							Timestamp.from(startsAt.plus(Duration.ofMinutes(30))),
							Timestamp.from(startsAt.plus(Duration.ofMinutes(40))))
					.update();
		}));
		return visit;
	}
}
