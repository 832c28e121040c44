package health.stride.patients;

import static org.assertj.core.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.patients.PatientInvitations.AlreadyInClinic;
import health.stride.patients.PatientInvitations.Invitation;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;

/** A clinic invites its own patients: one record per person, an account without a password, all or nothing. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class PatientInvitationTests {

	private static final LocalDate BIRTH = LocalDate.of(1979, 5, 2);

	private final PatientInvitations invitations;
	private final PatientDirectory directory;
	private final ClinicRegistry clinics;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final RecordingAccounts accounts;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;

	PatientInvitationTests(PatientInvitations invitations, PatientDirectory directory, ClinicRegistry clinics,
			SponsorManagement sponsors, RosterImports rosters, RecordingAccounts accounts, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.invitations = invitations;
		this.directory = directory;
		this.clinics = clinics;
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aClinicInNewYorkServingWashingtonAndOregon() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		jdbc.sql("update platform.clinic set time_zone = 'America/New_York', states = '{WA,OR}' where id = ?")
				.param(clinic.value()).update();
	}

	@AfterEach
	void reset() {
		accounts.reset();
		SecurityContextHolder.clearContext();
	}

	static Invitation selfPay(String first, String last, String email) {
		return new Invitation(first, last, BIRTH, email, "WA", "+1 206 555 0100", "Dr. Chen, Harbor Spine",
				PaymentMethod.SELF_PAY, null, null, null);
	}

	@Test
	void opensTheRecordWithAnAccountWithoutPasswordAndAnnouncesThePatient(Scenario scenario) {

		var invited = new PatientId[1];
		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> invited[0] = invitations.invite(selfPay("Nora", "Reyes", "Nora.Reyes@Example.org"), "pt.alex"))
				.andWaitForEventOfType(PatientEnrolled.class)
				.matching(event -> event.patient().equals(invited[0]))
				.toArriveAndVerify(event -> {
					assertThat(event.tenant()).isEqualTo(clinic);
					assertThat(event.sponsor()).isNull();
				}));

		var patient = invited[0];
		var record = CurrentTenant.callAs(clinic, () -> directory.open(patient,
				PatientFixtures.user(clinic, "admin.sam", Role.CLINIC_ADMIN))).orElseThrow();
		assertThat(record.username()).isEqualTo("nora.reyes@example.org");
		assertThat(record.timeZone()).as("the clinic's time zone").isEqualTo("America/New_York");
		assertThat(record.status()).isEqualTo(PatientStatus.ONBOARDING);
		assertThat(record.payment()).isEqualTo(Payment.selfPay());
		assertThat(CurrentTenant.callAs(clinic, () -> directory.languageOfUser(record.username()))).as("no language chosen")
				.isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> invitations.invitedBy(patient))).contains("pt.alex");
		assertThat(inTransaction(() -> jdbc.sql(
				"select referral_source from patients.invitation where patient_id = ?").param(patient.id()).query(String.class)
				.single())).isEqualTo("Dr. Chen, Harbor Spine");

		var account = accounts.account(accountOf(patient));
		assertThat(account).isNotNull();
		assertThat(account.role()).isEqualTo(Role.PATIENT);
		assertThat(account.clinic()).isEqualTo(clinic);
		assertThat(account.account().password()).as("the patient chooses it from the email").isNull();
		assertThat(accounts.emailed(accountOf(patient))).isTrue();
	}

	@Test
	void offersTheExistingRecordForTheSameEmailOrTheSameNameAndBirthDate() {

		var nora = CurrentTenant.callAs(clinic, () -> invitations.invite(selfPay("Nora", "Reyes", "nora@example.org"), "pt.alex"));

		assertThatExceptionOfType(AlreadyInClinic.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic,
						() -> invitations.invite(selfPay("Eleanor", "Reyes-Ortiz", "NORA@example.org"), "pt.alex")))
				.satisfies(it -> assertThat(it.patient()).isEqualTo(nora));
		assertThatExceptionOfType(AlreadyInClinic.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic,
						() -> invitations.invite(selfPay("NORA", "reyes", "other@example.org"), "admin.sam")))
				.satisfies(it -> assertThat(it.patient()).isEqualTo(nora));

		assertThat(accounts.exists("other@example.org")).as("no account for a second record").isFalse();
		assertThat(patientCount()).isEqualTo(1);
	}

	@Test
	void twoInvitationsOfOnePersonAtOnceLeaveOneRecord() throws Exception {

		var barrier = new CyclicBarrier(2);
		var first = CompletableFuture.supplyAsync(() -> inviteAfter(barrier, "nora@example.org"));
		var second = CompletableFuture.supplyAsync(() -> inviteAfter(barrier, "nora.reyes@example.org"));

		var outcomes = List.of(first.get(), second.get());
		assertThat(patientCount()).isEqualTo(1);
		var record = inTransaction(() -> jdbc.sql("select id from patients.patient").query(UUID.class).single());
		assertThat(outcomes).containsOnly(record.toString(), "existing " + record);
		assertThat(outcomes).containsOnlyOnce(record.toString());
	}

	private String inviteAfter(CyclicBarrier barrier, String email) {
		try {
			barrier.await();
			return CurrentTenant.callAs(clinic, () -> invitations.invite(selfPay("Nora", "Reyes", email), "pt.alex")).toString();
		} catch (AlreadyInClinic existing) {
			return "existing " + existing.patient();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void namesEveryWrongFieldAndCreatesNothing() {

		var wrong = new Invitation("No\u0000ra", "x".repeat(100_000), LocalDate.now().plusDays(1), "not-an-email", "TX",
				"call me", null, PaymentMethod.INSURANCE, " ", null, null);

		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> invitations.invite(wrong, "pt.alex")))
				.satisfies(it -> {
					assertThat(it.problems()).containsOnlyKeys("firstName", "lastName", "dateOfBirth", "email", "state",
							"phone", "payerName");
					assertThat(it.problems().get("state").getCodes()).containsExactly("patients.invitation.state.not-served");
					assertThat(it.problems().get("payerName").getCodes())
							.containsExactly("patients.invitation.payer-name.required");
				});
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> invitations.invite(new Invitation(null, null, null,
						null, null, null, null, null, null, null, null), "pt.alex")))
				.satisfies(it -> assertThat(it.problems()).containsOnlyKeys("firstName", "lastName", "dateOfBirth",
						"email", "state", "payment"));
		assertThat(patientCount()).isZero();
	}

	@Test
	void invitesAnInsuredPatientWithThePayerAsTyped() {

		var patient = CurrentTenant.callAs(clinic, () -> invitations.invite(new Invitation("Ada", "Moss", BIRTH,
				"ada@example.org", "or", null, null, PaymentMethod.INSURANCE, "Regence BlueShield", "RB-1234", null),
				"admin.sam"));

		var record = CurrentTenant.callAs(clinic, () -> directory.open(patient,
				PatientFixtures.user(clinic, "admin.sam", Role.CLINIC_ADMIN))).orElseThrow();
		assertThat(record.payment()).isEqualTo(Payment.insurance("Regence BlueShield", "RB-1234"));
		assertThat(record.state()).isEqualTo("OR");
		assertThat(record.phone()).isNull();
	}

	@Test
	void invitesASponsoredPatientOnlyWhenTheRosterCoversThemAndCountsThemAsEnrolled() {

		var acme = acmeWithRoster();

		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> invitations.invite(new Invitation("Bea", "Hart",
						BIRTH, "bea@example.org", "WA", null, null, PaymentMethod.SPONSOR, null, null, "acme"), "pt.alex")))
				.satisfies(it -> assertThat(it.problems().get("sponsorCode").getCodes())
						.containsExactly("patients.invitation.sponsor.not-covered"));
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> invitations.invite(new Invitation("Leo", "Fischer",
						LocalDate.of(1971, 9, 3), "leo@example.org", "WA", null, null, PaymentMethod.SPONSOR, null, null,
						"NOPE"), "pt.alex")))
				.satisfies(it -> assertThat(it.problems().get("sponsorCode").getCodes())
						.containsExactly("patients.invitation.sponsor.unknown"));

		var leo = CurrentTenant.callAs(clinic, () -> invitations.invite(new Invitation("leo", "FISCHER",
				LocalDate.of(1971, 9, 3), "leo.f@example.org", "WA", null, null, PaymentMethod.SPONSOR, null, null, "acme"),
				"pt.alex"));

		var record = CurrentTenant.callAs(clinic, () -> directory.open(leo,
				PatientFixtures.user(clinic, "admin.sam", Role.CLINIC_ADMIN))).orElseThrow();
		assertThat(record.payment()).isEqualTo(Payment.sponsor(acme.id().id()));
		assertThat(record.sponsorId()).isEqualTo(acme.id().id());
		assertThat(inTransaction(() -> jdbc.sql("""
				select member_id from eligibility.enrollment where sponsor_id = ? and patient_id = ?""")
				.params(acme.id().id(), leo.id()).query(String.class).single()))
				.as("counted by the sponsor as the roster member, so a roster without them ends their coverage")
				.isEqualTo("M-7");
	}

	@Test
	void invitesAWholeListOrNoneReportingEachLine() {

		var nora = CurrentTenant.callAs(clinic, () -> invitations.invite(selfPay("Nora", "Reyes", "nora@example.org"), "admin.sam"));

		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> invitations.inviteAll(List.of(
						selfPay("Ada", "Moss", "ada@example.org"),
						selfPay("Nora", "Reyes", "nora.new@example.org"),
						selfPay("Ben", "Ode", "ADA@example.org"),
						new Invitation("Cy", "Vale", BIRTH, "cy@example.org", "ZZ", null, null, PaymentMethod.SELF_PAY,
								null, null, null)), "admin.sam")))
				.satisfies(it -> {
					assertThat(it.problems()).containsOnlyKeys("lines[1].email", "lines[2].email", "lines[3].state");
					assertThat(it.problems().get("lines[1].email").getCodes()).containsExactly("patients.invitation.line.in-clinic");
					assertThat(it.problems().get("lines[2].email").getCodes()).containsExactly("patients.invitation.line.repeated");
					assertThat(it.problems().get("lines[2].email").getArguments()).containsExactly(1);
				});
		assertThat(patientCount()).isEqualTo(1);
		assertThat(nora).isNotNull();

		var invited = CurrentTenant.callAs(clinic, () -> invitations.inviteAll(List.of(
				selfPay("Ada", "Moss", "ada@example.org"), selfPay("Ben", "Ode", "ben@example.org")), "admin.sam"));
		assertThat(invited).hasSize(2);
		assertThat(patientCount()).isEqualTo(3);
	}

	@Test
	void removesTheAccountsMadeSoFarWhenKeycloakFailsMidwayAndKeepsNoRecord() {

		accounts.failAfter(2);
		assertThatExceptionOfType(Accounts.AccountsUnavailable.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> invitations.inviteAll(List.of(
						selfPay("Ada", "Moss", "ada.k@example.org"), selfPay("Ben", "Ode", "ben.k@example.org"),
						selfPay("Cy", "Vale", "cy.k@example.org")), "admin.sam")));

		assertThat(accounts.exists("ada.k@example.org")).isFalse();
		assertThat(accounts.exists("ben.k@example.org")).isFalse();
		assertThat(patientCount()).isZero();
		assertThat(inTransaction(() -> jdbc.sql("select count(*) from patients.invitation")
				.query(Integer.class).single())).isZero();
	}

	private SponsorSummary acmeWithRoster() {
		var acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));
		var importId = CurrentTenant.callAs(clinic, () -> rosters.submit(acme, "roster.csv", new ByteArrayInputStream("""
				member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end
				M-7,Leo,Fischer,1971-09-03,leo@example.org,2025-01-01,
				""".getBytes(StandardCharsets.UTF_8)), "test"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(
				() -> CurrentTenant.callAs(clinic, () -> rosters.report(importId)).orElseThrow().status().finished());
		return acme;
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> work.get()));
	}

	private int patientCount() {
		return inTransaction(
				() -> jdbc.sql("select count(*) from patients.patient").query(Integer.class).single());
	}

	private String accountOf(PatientId patient) {
		return inTransaction(() -> jdbc.sql("select account_id from patients.patient where id = ?")
				.param(patient.id()).query(String.class).single());
	}
}
