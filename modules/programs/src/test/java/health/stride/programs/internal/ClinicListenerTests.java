package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.ProgramTailored;
import health.stride.programs.Progressions;

/**
 * Programs' listeners run as their event's clinic ({@code @ClinicListener}): a plan tailored in one
 * clinic closes the suggestion to progress there, and the same patient id in another clinic keeps
 * its own. The rows are written without naming their clinic: the column default takes it.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ClinicListenerTests {

	private final Progressions progressions;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	ClinicListenerTests(Progressions progressions, ClinicRegistry clinics, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.progressions = progressions;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Test
	void aTailoredPlanClosesTheSuggestionInItsOwnClinicOnly(Scenario scenario) {

		var north = clinics.register(TenantId.of("n-" + UUID.randomUUID()), "North").tenant();
		var south = clinics.register(TenantId.of("s-" + UUID.randomUUID()), "South").tenant();
		var patient = new PatientId(UUID.randomUUID());
		suggest(north, patient);
		suggest(south, patient);

		scenario.publish(new ProgramTailored(north, patient, UUID.randomUUID(), 2))
				.andWaitForStateChange(() -> CurrentTenant.callAs(north, () -> progressions.open(patient)),
						Optional::isEmpty)
				.andVerify(open -> assertThat(open).isEmpty());

		assertThat(CurrentTenant.callAs(south, () -> progressions.open(patient))).as("the other clinic's").isPresent();
		java.util.List<String> clinicsOfNorth = CurrentTenant.callAs(north, () -> transaction.execute(status -> jdbc
				.sql("select tenant_id from programs.progression_suggestion where patient_id = ?").param(patient.id())
				.query(String.class).list()));
		assertThat(clinicsOfNorth).as("filled in by the column default").containsExactly(north.value());
	}

	private void suggest(TenantId clinic, PatientId patient) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into programs.progression_suggestion (patient_id, id, reason, suggested_at) values (?, ?, ?, ?)""")
				.params(patient.id(), UUID.randomUUID(), "Three comfortable weeks", Timestamp.from(Instant.now()))
				.update()));
	}
}
