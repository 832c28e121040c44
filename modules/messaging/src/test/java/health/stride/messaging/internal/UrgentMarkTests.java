package health.stride.messaging.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlagsReported;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A red flag's event names the report only; whether it still marks the thread urgent is asked from
 * the patients module when the event is handled, which may be after a restart re-published it.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class UrgentMarkTests {

	private final Threads threads;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;

	UrgentMarkTests(Threads threads, PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics,
			JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.threads = threads;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void mayaWithAlex(Scenario scenario) {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		maya = CurrentTenant.callAs(clinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				"patient.maya", "Maya", "Okafor", LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA",
				"America/Los_Angeles")));
		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null))
				.andWaitForStateChange(() -> lastSeq(), seq -> seq > 0)
				.andVerify(seq -> assertThat(seq).isOne()));
	}

	@Test
	void anOpenReportMarksTheThreadUrgent(Scenario scenario) {

		var report = storeReport(null);

		CurrentTenant.runAs(clinic, () -> scenario.publish(new RedFlagsReported(clinic, maya, report))
				.andWaitForStateChange(() -> lastSeq(), seq -> seq == 2)
				.andVerify(seq -> assertThat(urgent()).isTrue()));
	}

	@Test
	void aReportClearedBeforeItsEventArrivesPostsTheGuidanceWithoutTheUrgentMark(Scenario scenario) {

		var report = storeReport(java.time.Instant.now());

		CurrentTenant.runAs(clinic, () -> scenario.publish(new RedFlagsReported(clinic, maya, report))
				.andWaitForStateChange(() -> lastSeq(), seq -> seq == 2)
				.andVerify(seq -> assertThat(urgent()).isFalse()));
	}

	/** A report as the patients module keeps it, cleared at the moment given (or open). */
	UUID storeReport(java.time.@Nullable Instant clearedAt) {
		var id = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into patients.red_flag_report (tenant_id, id, patient_id, source, symptoms, reported_at, cleared_at,
				    cleared_by, clear_note)
				values (current_setting('stride.tenant_id', true), ?, ?, 'REPORT', array['FEVER'], now(), ?, ?, ?)""")
				.params(id, maya.id(), clearedAt == null ? null : java.sql.Timestamp.from(clearedAt),
						clearedAt == null ? null : "pt.alex", clearedAt == null ? null : "Called her")
				.update()));
		return id;
	}

	long lastSeq() {
		return CurrentTenant.callAs(clinic, () -> threads.ofPatient(maya)).map(Threads.Thread::lastSeq).orElse(0L);
	}

	boolean urgent() {
		return CurrentTenant.callAs(clinic, () -> threads.ofPatient(maya)).orElseThrow().urgent();
	}
}
