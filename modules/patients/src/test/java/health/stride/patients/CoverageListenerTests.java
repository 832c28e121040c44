package health.stride.patients;

import static org.assertj.core.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.CoverageChecks;
import health.stride.eligibility.CoverageEnding;
import health.stride.eligibility.CoverageQuestion;
import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.MemberReinstated;
import health.stride.eligibility.RosterImportId;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.Signups;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.patients.CoverageEnd.Stage;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The patient record follows eligibility's announcements of a sponsored cover that ends, and the portal its grace. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class CoverageListenerTests {

	private static final String HEADER = "member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n";
	private static final String LEO = "M-7,Leo,Fischer,1971-09-03,leo@example.org,2025-01-01,";
	private static final String ADA = "M-8,Ada,Lind,1970-01-01,,2025-01-01,\n";

	private final ClinicRegistry clinics;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final CoverageChecks checks;
	private final Signups signups;
	private final PatientDirectory directory;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private SponsorSummary acme;

	CoverageListenerTests(ClinicRegistry clinics, SponsorManagement sponsors, RosterImports rosters,
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

	@BeforeEach
	void aClinicWithASponsor() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));
	}

	@Test
	void keepsAnEndTheRosterNamedBeforeTheMemberSignedUp(Scenario scenario) {

		var end = utcToday().plusDays(20);
		var leo = signUp(scenario, LEO + end + "\n");

		var coverage = awaitCoverage(leo, it -> it.isPresent()).orElseThrow();
		assertThat(coverage.endsOn()).isEqualTo(end);
		assertThat(coverage.stage()).isEqualTo(Stage.ENDING);
		assertThat(access(leo)).isEqualTo(PortalAccess.OPEN);
	}

	@Test
	void endsTheCoverOfAMemberMissingFromTheRosterOnTheDayOfTheImportAndClearsItWhenTheyAreBack(Scenario scenario) {

		var leo = signUp(scenario, LEO + "\n");
		assertThat(coverage(leo)).isEmpty();

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> submit(ADA))
				.andWaitForEventOfType(CoverageEnding.class).matching(it -> it.patientId().equals(leo.id()))
				.toArriveAndVerify(event -> assertThat(event.endsOn()).isEqualTo(utcToday())));
		assertThat(awaitCoverage(leo, Optional::isPresent).orElseThrow().endsOn()).isEqualTo(utcToday());

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> submit(LEO + "\n" + ADA))
				.andWaitForEventOfType(MemberReinstated.class).matching(it -> it.patientId().equals(leo.id()))
				.toArrive());
		assertThat(awaitCoverage(leo, Optional::isEmpty)).isEmpty();
		assertThat(access(leo)).isEqualTo(PortalAccess.OPEN);
	}

	@Test
	void makesThePortalReadOnlyTheDayAfterTheGracePeriodUnlessTheClinicMovedThePatientToAnotherPayer(Scenario scenario) {

		var leo = signUp(scenario, LEO + "\n");
		var clinicToday = LocalDate.now(clinics.find(clinic).orElseThrow().timeZone());

		endCover(scenario, leo, clinicToday.minusDays(30));
		assertThat(coverage(leo).orElseThrow().stage()).as("the last day of grace").isEqualTo(Stage.ENDED);
		assertThat(access(leo)).isEqualTo(PortalAccess.OPEN);

		endCover(scenario, leo, clinicToday.minusDays(31));
		assertThat(coverage(leo).orElseThrow().stage()).isEqualTo(Stage.READ_ONLY);
		assertThat(access(leo)).isEqualTo(PortalAccess.READ_ONLY);

		CurrentTenant.runAs(clinic, () -> directory.changePayment(new PatientId(leo.id()), Payment.selfPay()));
		assertThat(access(leo)).as("self-pay keeps the portal open").isEqualTo(PortalAccess.OPEN);

		// back on the roster: the clinic's choice of payer stays
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> submit(LEO + "\n" + ADA))
				.andWaitForEventOfType(MemberReinstated.class).toArrive());
		awaitCoverage(leo, Optional::isEmpty);
		var payment = CurrentTenant.callAs(clinic, () -> transaction.execute(status -> jdbc
				.sql("select payment from patients.patient where id = ?").param(leo.id()).query(String.class).single()));
		assertThat(payment).isEqualTo("SELF_PAY");
	}

	@Test
	void changesNothingWhenAnAnnouncementComesAgainOrLate(Scenario scenario) {

		var leo = signUp(scenario, LEO + "\n");
		endCover(scenario, leo, utcToday().plusDays(5));
		var enrollment = CurrentTenant.callAs(clinic, () -> transaction.execute(status -> jdbc
				.sql("select enrollment_id from patients.patient where id = ?").param(leo.id()).query(UUID.class).single()));

		// a late announcement of an end since moved, and a replayed reinstatement
		transaction.executeWithoutResult(status -> {
			events.publishEvent(new CoverageEnding(clinic, acme.id(), new EnrollmentId(enrollment), leo.id(),
					utcToday().plusDays(1)));
			events.publishEvent(new MemberReinstated(clinic, acme.id(), new EnrollmentId(enrollment), leo.id()));
		});

		Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
				.until(() -> coverage(leo).map(CoverageEnd::endsOn).equals(Optional.of(utcToday().plusDays(5))));
		assertThat(coverageWrites(leo)).as("the record changed once, when the end was announced").isOne();
	}

	@Test
	void leavesAPatientWithoutASponsoredEndAlone() {
		var registered = CurrentTenant.callAs(clinic, () -> directory.register(PatientFixtures.patient("walk.in", "OR")));
		assertThat(CurrentTenant.callAs(clinic, () -> directory.coverageEnd(registered))).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> directory.portalAccess(registered))).isEqualTo(PortalAccess.OPEN);
	}

	record SignedUp(UUID id) {}

	private SignedUp signUp(Scenario scenario, String line) {

		awaitImport(CurrentTenant.callAs(clinic, () -> submit(line + ADA)));
		var check = CurrentTenant.callAs(clinic, () -> checks.check(new CoverageQuestion(SponsorCode.of("ACME"), "Leo",
				"Fischer", LocalDate.of(1971, 9, 3), "M-7", null))).checkId();
		var patient = new UUID[1];
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> signups.signUpWithoutEmail(check,
						new Signups.SignupDetails("leo.fischer", "leo@example.org", "a-long-secret", "OR", "America/Los_Angeles")))
				.andWaitForEventOfType(PatientEnrolled.class)
				.toArriveAndVerify(event -> patient[0] = event.patient().id()));
		return new SignedUp(patient[0]);
	}

	private void endCover(Scenario scenario, SignedUp patient, LocalDate lastDay) {
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> submit(LEO + lastDay + "\n" + ADA))
				.andWaitForEventOfType(CoverageEnding.class).matching(it -> it.endsOn().equals(lastDay)).toArrive());
		awaitCoverage(patient, it -> it.map(CoverageEnd::endsOn).equals(Optional.of(lastDay)));
	}

	private RosterImportId submit(String lines) {
		return rosters.submit(acme, "roster.csv", new ByteArrayInputStream((HEADER + lines).getBytes(StandardCharsets.UTF_8)),
				"test");
	}

	private void awaitImport(RosterImportId id) {
		Awaitility.await().atMost(Duration.ofSeconds(30))
				.until(() -> CurrentTenant.callAs(clinic, () -> rosters.report(id)).orElseThrow().status().finished());
	}

	private Optional<CoverageEnd> awaitCoverage(SignedUp patient,
			java.util.function.Predicate<Optional<CoverageEnd>> until) {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> coverage(patient), until::test);
	}

	private Optional<CoverageEnd> coverage(SignedUp patient) {
		return CurrentTenant.callAs(clinic, () -> directory.coverageEnd(new PatientId(patient.id())));
	}

	private PortalAccess access(SignedUp patient) {
		return CurrentTenant.callAs(clinic, () -> directory.portalAccess(new PatientId(patient.id())));
	}

	private @Nullable Integer coverageWrites(SignedUp patient) {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> jdbc.sql(
				"select count(*) from platform.audit_event where patient_id = ? and resource = 'patient-coverage'")
				.param(patient.id()).query(Integer.class).single()));
	}

	private static LocalDate utcToday() {
		return LocalDate.now(ZoneOffset.UTC);
	}
}
