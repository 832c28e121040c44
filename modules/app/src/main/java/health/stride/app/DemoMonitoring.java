package health.stride.app;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.ClinicianManagement;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Remote therapeutic monitoring for the demo: Maya's set-up and education was 19 days ago, she
 * walked on the days between her sessions (data on 18 days of her first period) and pt.alex spent 45
 * minutes on her treatment, so the clinic's monitoring page lists her under 98975, 98977, 98980 and
 * one 98981 from the first start. Her past is written straight into the tables (the pages refuse a
 * set-up before her record was opened, and the demo record opens today); once: nothing changes when
 * her set-up is there.
 */
@Component
@Profile("demo")
class DemoMonitoring {

	private static final Logger LOG = LoggerFactory.getLogger(DemoMonitoring.class);

	static final int SET_UP_DAYS_AGO = 19;

	private final PatientDirectory patients;
	private final ClinicianManagement clinicians;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	DemoMonitoring(PatientDirectory patients, ClinicianManagement clinicians, ClinicRegistry clinics, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.patients = patients;
		this.clinicians = clinicians;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** Maya's monitoring at Northside; the tenant must be set. */
	void seed() {
		if (!CurrentTenant.require().equals(TenantId.of("northside"))) {
			return;
		}
		var maya = patients.findByUsername("patient.maya").orElse(null);
		var alex = clinicians.findByUsername("pt.alex").orElse(null);
		if (maya == null || alex == null) {
			return;
		}
		var zone = clinics.find(CurrentTenant.require()).orElseThrow().timeZone();
		var today = LocalDate.now(zone);
		var setUp = today.minusDays(SET_UP_DAYS_AGO);
		transaction.executeWithoutResult(status -> {
			var inserted = jdbc.sql("""
					insert into careteams.monitoring_set_up (patient_id, episode, set_up_on, confirmed_by, confirmed_at)
					values (?, 1, ?, ?, now()) on conflict do nothing""")
					.params(maya.id().id(), setUp, alex.id().id()).update();
			if (inserted == 0) {
				return;
			}
			// her sessions fall on every other day from 13 days ago (DemoData); she walked on the others
			for (int daysAgo = SET_UP_DAYS_AGO - 1; daysAgo >= 1; daysAgo--) {
				if (daysAgo <= 13 && daysAgo >= 3 && daysAgo % 2 == 1) {
					continue;
				}
				jdbc.sql("""
						insert into programs.walk (patient_id, id, idempotency_key, walked_at, minutes, surface, pain)
						values (?, ?, ?, ?, 20, 'FLAT', 2)""")
						.params(maya.id().id(), UUID.randomUUID(), "demo-rtm-walk-" + daysAgo,
								Timestamp.from(today.minusDays(daysAgo).atTime(LocalTime.of(7, 30)).atZone(zone).toInstant()))
						.update();
			}
			time(maya.id().id(), alex.id().id(), "CALL", 15, today.minusDays(10), "ENTERED");
			time(maya.id().id(), alex.id().id(), "MESSAGE", 10, today.minusDays(6), "ENTERED");
			time(maya.id().id(), alex.id().id(), "CHART_REVIEW", 20, today.minusDays(3), "ENTERED");
			LOG.info("Seeded remote monitoring of demo patient {}", maya.id());
		});
	}

	private void time(UUID patient, UUID clinician, String activity, int minutes, LocalDate on, String source) {
		jdbc.sql("""
				insert into careteams.treatment_time
				  (id, patient_id, clinician_id, activity, minutes, performed_on, source, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?, now())""")
				.params(UUID.randomUUID(), patient, clinician, activity, minutes, on, source).update();
	}
}
