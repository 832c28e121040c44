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
import health.stride.patients.RedFlagsCleared;
import health.stride.patients.RedFlagsReported;
import health.stride.patients.UrgentScreeningReported;
import health.stride.patients.UrgentScreeningReviewed;
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

	@Test
	void anOpenUrgentScreeningMarksTheThreadUrgentWithOneMessageHoweverOftenItsEventComes(Scenario scenario) {

		var screening = storeUrgentScreening(null);
		var event = new UrgentScreeningReported(clinic, maya, screening, java.time.Instant.now());

		CurrentTenant.runAs(clinic, () -> scenario.publish(event)
				.andWaitForStateChange(() -> lastSeq(), seq -> seq == 2)
				.andVerify(seq -> assertThat(urgent()).isTrue()));
		CurrentTenant.runAs(clinic, () -> scenario.publish(event)
				.andWaitForStateChange(() -> handled(screening), count -> count >= 2)
				.andVerify(count -> assertThat(lastSeq()).as("no second message").isEqualTo(2)));

		var message = CurrentTenant.callAs(clinic, () -> threads.latest(maya, 1)).getFirst();
		assertThat(message.code()).isEqualTo(SystemMessages.MOOD_URGENT);
		assertThat(message.arguments()).as("no questionnaire, question or answer named").isEmpty();
	}

	@Test
	void aReviewedScreeningPostsTheMessageWithoutTheUrgentMark(Scenario scenario) {

		var screening = storeUrgentScreening(java.time.Instant.now());

		CurrentTenant.runAs(clinic, () -> scenario.publish(new UrgentScreeningReported(clinic, maya, screening,
				java.time.Instant.now()))
				.andWaitForStateChange(() -> lastSeq(), seq -> seq == 2)
				.andVerify(seq -> assertThat(urgent()).isFalse()));
	}

	@Test
	void theUrgentMarkStaysWhileARedFlagOrAnUrgentScreeningIsStillOpen(Scenario scenario) {

		var report = storeReport(null);
		var screening = storeUrgentScreening(null);
		CurrentTenant.runAs(clinic, () -> scenario.publish(new UrgentScreeningReported(clinic, maya, screening,
				java.time.Instant.now()))
				.andWaitForStateChange(() -> lastSeq(), seq -> seq == 2)
				.andVerify(seq -> assertThat(urgent()).isTrue()));

		// the red flag is cleared, the screening is not: still urgent
		clearReport(report);
		CurrentTenant.runAs(clinic, () -> scenario.publish(new RedFlagsCleared(clinic, maya, report))
				.andWaitForStateChange(() -> handledCleared(report), count -> count >= 1)
				.andVerify(count -> assertThat(urgent()).isTrue()));

		reviewScreening(screening);
		CurrentTenant.runAs(clinic, () -> scenario.publish(new UrgentScreeningReviewed(clinic, maya, screening,
				java.time.Instant.now()))
				.andWaitForStateChange(() -> urgent(), urgent -> !urgent)
				.andVerify(urgent -> assertThat(urgent).isFalse()));
	}

	/** An urgent PHQ-9 as the patients module keeps it, reviewed at the moment given (or open). */
	UUID storeUrgentScreening(java.time.@Nullable Instant reviewedAt) {
		var id = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into patients.screening (tenant_id, id, patient_id, instrument, answers, score, severity, urgent,
				    answered_at, reviewed_at, reviewed_by, review_note)
				values (current_setting('stride.tenant_id', true), ?, ?, 'PHQ9', '{0,0,0,0,0,0,0,0,1}', 1, 'MINIMAL', true,
				    now(), ?, ?, ?)""")
				.params(id, maya.id(), reviewedAt == null ? null : java.sql.Timestamp.from(reviewedAt),
						reviewedAt == null ? null : "pt.alex", reviewedAt == null ? null : "Called her")
				.update()));
		return id;
	}

	void reviewScreening(UUID screening) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				update patients.screening set reviewed_at = now(), reviewed_by = 'pt.alex', review_note = 'Called her'
				where id = ?""").param(screening).update()));
	}

	void clearReport(UUID report) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				update patients.red_flag_report set cleared_at = now(), cleared_by = 'pt.alex', clear_note = 'Seen'
				where id = ?""").param(report).update()));
	}

	long handled(UUID screening) {
		return transaction.execute(status -> jdbc.sql("""
				select count(*) from event_publication
				where completion_date is not null and event_type like '%UrgentScreeningReported'
				  and listener_id like '%messaging%' and serialized_event like ?""")
				.param("%" + screening + "%").query(Long.class).single());
	}

	long handledCleared(UUID report) {
		return transaction.execute(status -> jdbc.sql("""
				select count(*) from event_publication
				where completion_date is not null and event_type like '%RedFlagsCleared'
				  and listener_id like '%messaging%' and serialized_event like ?""")
				.param("%" + report + "%").query(Long.class).single());
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
