package health.stride.platform.audit;

import static org.assertj.core.api.Assertions.*;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@SpringBootTest
class AuditTrailTests {

	@Autowired AuditTrail audit;
	@Autowired ClinicRegistry clinics;
	@Autowired TransactionTemplate transactions;
	@Autowired JdbcClient jdbc;
	@Autowired JdbcConnectionDetails database;

	TenantId clinicA, clinicB;
	StrideUser therapist;

	@BeforeEach
	void twoClinics() {
		clinicA = clinics.register(TenantId.of("a-" + UUID.randomUUID()), "Clinic A").tenant();
		clinicB = clinics.register(TenantId.of("b-" + UUID.randomUUID()), "Clinic B").tenant();
		therapist = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinicA), Set.of(Role.THERAPIST));
	}

	@Test
	void recordsWhoDidWhatToWhichPatientInTheirClinicOnly() {

		var patient = UUID.randomUUID();

		MDC.put(AuditTrail.REQUEST_ID, "req-12345678");
		try {
			audit.record(therapist, clinicA, AuditAction.READ, AuditOutcome.SUCCESS, patient, "patient");
		} finally {
			MDC.remove(AuditTrail.REQUEST_ID);
		}

		var inA = CurrentTenant.callAs(clinicA, () -> audit.latest(10));

		assertThat(inA).singleElement().satisfies(entry -> {
			assertThat(entry.tenant()).isEqualTo(clinicA);
			assertThat(entry.actorId()).isEqualTo(therapist.id());
			assertThat(entry.actorRole()).isEqualTo("therapist");
			assertThat(entry.action()).isEqualTo(AuditAction.READ);
			assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCESS);
			assertThat(entry.patientId()).isEqualTo(patient);
			assertThat(entry.requestId()).isEqualTo("req-12345678");
		});
		assertThat(CurrentTenant.callAs(clinicB, () -> audit.latest(10))).isEmpty();
	}

	@Test
	void recordsAListViewAsOneEntryThatEachPatientShownFindsAmongTheAccessesToTheirRecord() {

		var maya = UUID.randomUUID();
		var noah = UUID.randomUUID();
		var notShown = UUID.randomUUID();

		SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(therapist, null, List.of()));
		try {
			CurrentTenant.runAs(clinicA, () -> {
				audit.recordListView("caseload", List.of(maya, noah, maya));
				audit.recordListView("caseload", List.of()); // showed nobody: nothing to record
			});
		} finally {
			SecurityContextHolder.clearContext();
		}

		var inA = CurrentTenant.callAs(clinicA, () -> audit.latest(10));
		assertThat(inA).singleElement().satisfies(entry -> {
			assertThat(entry.action()).isEqualTo(AuditAction.READ);
			assertThat(entry.actorUsername()).isEqualTo("pt.alex");
			assertThat(entry.resource()).isEqualTo("caseload");
			assertThat(entry.patientId()).isNull();
			assertThat(entry.patientsShown()).containsExactly(maya, noah);
		});
		assertThat(CurrentTenant.callAs(clinicA, () -> audit.aboutPatient(maya, 10))).hasSize(1);
		assertThat(CurrentTenant.callAs(clinicA, () -> audit.aboutPatient(noah, 10))).hasSize(1);
		assertThat(CurrentTenant.callAs(clinicA, () -> audit.aboutPatient(notShown, 10))).isEmpty();
		assertThat(CurrentTenant.callAs(clinicB, () -> audit.aboutPatient(maya, 10))).isEmpty();
	}

	@Test
	void keepsTheEntryWhenTheAuditedWorkRollsBack() {

		CurrentTenant.runAs(clinicA, () -> transactions.executeWithoutResult(status -> {
			audit.record(AuditAction.WRITE, AuditOutcome.FAILED, UUID.randomUUID(), "patient");
			status.setRollbackOnly();
		}));

		assertThat(CurrentTenant.callAs(clinicA, () -> audit.latest(10)))
				.extracting(AuditEvent::action, AuditEvent::actorId)
				.containsExactly(tuple(AuditAction.WRITE, AuditTrail.SYSTEM));
	}

	@Test
	void recordsASuccessfulChangeWithTheChangeItselfOnItsOwnConnection() {

		var rolledBack = UUID.randomUUID();
		CurrentTenant.runAs(clinicA, () -> transactions.executeWithoutResult(status -> {
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, rolledBack, "plan");
			status.setRollbackOnly(); // the change did not happen, so neither did its entry
		}));
		assertThat(CurrentTenant.callAs(clinicA, () -> audit.aboutPatient(rolledBack, 10))).isEmpty();

		// with the only connection of a pool held by the work, the entry still gets written
		var committed = UUID.randomUUID();
		var config = new com.zaxxer.hikari.HikariConfig();
		config.setJdbcUrl(database.getJdbcUrl());
		config.setUsername(database.getUsername());
		config.setPassword(database.getPassword());
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(1_000); // a second connection would be refused after a second
		try (var single = new com.zaxxer.hikari.HikariDataSource(config)) {
			var oneConnection = new org.springframework.transaction.support.TransactionTemplate(
					new org.springframework.jdbc.support.JdbcTransactionManager(single));
			var trail = new AuditTrail(org.springframework.jdbc.core.simple.JdbcClient.create(single),
					oneConnection.getTransactionManager(), java.time.Clock.systemUTC());
			CurrentTenant.runAs(clinicA, () -> oneConnection.executeWithoutResult(status -> {
				org.springframework.jdbc.core.simple.JdbcClient.create(single)
						.sql("select set_config('stride.tenant_id', ?, true)").param(clinicA.value()).query().singleRow();
				trail.record(AuditAction.WRITE, AuditOutcome.SUCCESS, committed, "plan");
			}));
		}
		assertThat(CurrentTenant.callAs(clinicA, () -> audit.aboutPatient(committed, 10))).singleElement()
				.satisfies(entry -> assertThat(entry.resource()).isEqualTo("plan"));
	}

	@Test
	void recordsTheReasonGivenForAnAccessAsACodeOnly() {

		var patient = UUID.randomUUID();
		var admin = new StrideUser(UUID.randomUUID().toString(), "admin.nora", List.of(clinicA), Set.of(Role.CLINIC_ADMIN));
		audit.recordWithReason(admin, clinicA, AuditAction.EXPORT, AuditOutcome.SUCCESS, patient, "record-export",
				"transfer-of-care");
		audit.record(therapist, clinicA, AuditAction.READ, AuditOutcome.SUCCESS, patient, "patient");

		var entries = CurrentTenant.callAs(clinicA, () -> audit.aboutPatient(patient, 10));
		assertThat(entries).extracting(AuditEvent::actorUsername, AuditEvent::action, AuditEvent::resource, AuditEvent::reason)
				.containsExactlyInAnyOrder(tuple("admin.nora", AuditAction.EXPORT, "record-export", "transfer-of-care"),
						tuple("pt.alex", AuditAction.READ, "patient", null));

		for (var notACode : List.of("", "Transfer of care", "transfer of care", "-leading", "a".repeat(41))) {
			assertThatIllegalArgumentException().as(notACode).isThrownBy(() -> audit.recordWithReason(admin, clinicA,
					AuditAction.EXPORT, AuditOutcome.SUCCESS, patient, "record-export", notACode));
		}
		assertThat(CurrentTenant.callAs(clinicA, () -> audit.aboutPatient(patient, 10))).hasSize(2);
	}

	@Test
	void recordsWhatHappensOutsideAnyClinicInThePlatformTrail() {

		var admin = new StrideUser(UUID.randomUUID().toString(), "root.ops", List.of(), Set.of(Role.PLATFORM_ADMIN));

		audit.record(admin, null, AuditAction.SIGN_IN, AuditOutcome.SUCCESS, null, null);

		assertThat(jdbc.sql("select count(*) from platform.platform_audit_event where actor_id = ?")
				.param(admin.id()).query(Integer.class).single()).isOne();
	}

	@Test
	void letsTheApplicationNeitherChangeNorDeleteEntries() throws SQLException {

		audit.record(therapist, clinicA, AuditAction.EXPORT, AuditOutcome.SUCCESS, null, "report");

		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {

			connection.setAutoCommit(false);
			try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
				bind.setString(1, clinicA.value());
				bind.execute();
			}

			for (var statement : List.of("update platform.audit_event set outcome = 'DENIED'",
					"delete from platform.audit_event", "update platform.platform_audit_event set outcome = 'DENIED'",
					"delete from platform.platform_audit_event", "truncate platform.audit_event")) {

				try (var savepointed = connection.createStatement()) {
					var savepoint = connection.setSavepoint();
					assertThatExceptionOfType(SQLException.class).as(statement)
							.isThrownBy(() -> savepointed.execute(statement))
							.satisfies(it -> assertThat(it.getSQLState()).isEqualTo("42501"));
					connection.rollback(savepoint);
				}
			}

			try (var count = connection.createStatement();
					var rows = count.executeQuery("select count(*) from platform.audit_event")) {
				rows.next();
				assertThat(rows.getInt(1)).isOne();
			}
			connection.rollback();
		}
	}
}
