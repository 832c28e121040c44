package health.stride.patients;

import static org.assertj.core.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.CoverageChecks;
import health.stride.eligibility.CoverageQuestion;
import health.stride.eligibility.MemberEnrolled;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.Signups;
import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** A covered member signs up: their record opens once, however often the signup event arrives. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class EnrollmentListenerTests {

	private final ClinicRegistry clinics;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final CoverageChecks checks;
	private final Signups signups;
	private final PatientDirectory directory;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transaction;

	EnrollmentListenerTests(ClinicRegistry clinics, SponsorManagement sponsors, RosterImports rosters,
			CoverageChecks checks, Signups signups, PatientDirectory directory, JdbcClient jdbc,
			ApplicationEventPublisher events, PlatformTransactionManager transactions) {
		this.clinics = clinics;
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.checks = checks;
		this.signups = signups;
		this.directory = directory;
		this.jdbc = jdbc;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Test
	void opensTheRecordOnceHoweverOftenTheSignupIsDelivered(Scenario scenario) {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));
		var importId = CurrentTenant.callAs(clinic, () -> rosters.submit(acme, "roster.csv", new ByteArrayInputStream("""
				member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end
				M-7,Leo,Fischer,1971-09-03,leo@example.org,2025-01-01,
				""".getBytes(StandardCharsets.UTF_8)), "test"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(
				() -> CurrentTenant.callAs(clinic, () -> rosters.report(importId)).orElseThrow().status().finished());

		var check = CurrentTenant.callAs(clinic, () -> checks.check(new CoverageQuestion(SponsorCode.of("ACME"), "Leo",
				"Fischer", LocalDate.of(1971, 9, 3), "M-7", null))).checkId();

		// the scenario runs the signup in a transaction of its own, so the clinic is chosen around it
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> signups.signUpWithoutEmail(check,
						new Signups.SignupDetails("leo.fischer", "leo@example.org", "a-long-secret", "OR", "America/Los_Angeles")))
				.andWaitForEventOfType(PatientEnrolled.class)
				.toArriveAndVerify((event, signedUp) -> {
					assertThat(event.tenant()).isEqualTo(clinic);
					assertThat(event.patient().id()).isEqualTo(signedUp.patientId());
					assertThat(event.sponsor()).isEqualTo(acme.id().id());
				}));

		var record = CurrentTenant.callAs(clinic, () -> directory.findByUsername("leo.fischer")).orElseThrow();
		assertThat(record.state()).isEqualTo("OR");
		assertThat(CurrentTenant.callAs(clinic, () -> directory.languageOf(record.id())))
				.as("English unless chosen at signup").isEqualTo(Language.ENGLISH);
		assertThat(record.status()).isEqualTo(PatientStatus.ONBOARDING);

		// the same signup delivered again (a restart re-publishes incomplete events): nothing new
		var again = CurrentTenant.callAs(clinic, () -> transaction.execute(status -> jdbc
				.sql("select enrollment_id from patients.patient where username = ?").param("leo.fischer")
				.query(UUID.class).single()));
		transaction.executeWithoutResult(status -> events.publishEvent(new MemberEnrolled(clinic,
				new health.stride.eligibility.EnrollmentId(again), record.id().id(), acme.id())));

		Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> CurrentTenant.callAs(
				clinic, () -> transaction.execute(status -> jdbc.sql("select count(*) from patients.patient")
						.query(Integer.class).single())) == 1);
		Integer writes = CurrentTenant.callAs(clinic, () -> transaction.execute(status -> jdbc.sql(
				"select count(*) from platform.audit_event where patient_id = ? and resource = 'patient' and action = 'WRITE'")
				.param(record.id().id()).query(Integer.class).single()));
		assertThat(writes).as("the record was opened once").isOne();
	}

	@Test
	void opensTheRecordInTheLanguageChosenAtSignup(Scenario scenario) {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));
		var importId = CurrentTenant.callAs(clinic, () -> rosters.submit(acme, "roster.csv", new ByteArrayInputStream("""
				member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end
				M-8,Lucía,Ramos,1980-05-06,lucia@example.org,2025-01-01,
				""".getBytes(StandardCharsets.UTF_8)), "test"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(
				() -> CurrentTenant.callAs(clinic, () -> rosters.report(importId)).orElseThrow().status().finished());
		var check = CurrentTenant.callAs(clinic, () -> checks.check(new CoverageQuestion(SponsorCode.of("ACME"), "Lucia",
				"Ramos", LocalDate.of(1980, 5, 6), "M-8", null))).checkId();

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> signups.signUpWithoutEmail(check,
						new Signups.SignupDetails("lucia.ramos", "lucia@example.org", "a-long-secret", "TX", "America/Chicago",
								Language.SPANISH)))
				.andWaitForEventOfType(PatientEnrolled.class)
				.toArriveAndVerify(event -> assertThat(event.tenant()).isEqualTo(clinic)));

		var record = CurrentTenant.callAs(clinic, () -> directory.findByUsername("lucia.ramos")).orElseThrow();
		assertThat(CurrentTenant.callAs(clinic, () -> directory.languageOf(record.id()))).isEqualTo(Language.SPANISH);
	}
}
