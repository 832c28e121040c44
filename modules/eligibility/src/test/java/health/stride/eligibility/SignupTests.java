package health.stride.eligibility;

import static org.assertj.core.api.Assertions.*;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import health.stride.eligibility.Signups.SignupDetails;
import health.stride.platform.identity.Accounts.AccountConflict;
import health.stride.platform.identity.Accounts.AccountsUnavailable;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@ApplicationModuleTest
@RecordApplicationEvents
class SignupTests {

	private final Signups signups;
	private final CoverageChecks checks;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final ClinicRegistry clinics;
	private final InMemoryAccounts accounts;

	private TenantId clinic;

	SignupTests(Signups signups, CoverageChecks checks, SponsorManagement sponsors, RosterImports rosters,
			ClinicRegistry clinics, InMemoryAccounts accounts) {
		this.signups = signups;
		this.checks = checks;
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.clinics = clinics;
		this.accounts = accounts;
	}

	@BeforeEach
	void aMemberOnARoster() {

		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();

		var acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));
		RosterFixtures.importRoster(rosters, clinic, acme, CoverageCheckTests.ROSTER);
	}

	@AfterEach
	void keycloakBack() {
		accounts.failing(false);
	}

	@Test
	void enrollsTheMemberAndAnnouncesIt(ApplicationEvents events) {

		var check = CurrentTenant.callAs(clinic, () -> checks.check(CoverageCheckTests.question())).checkId();
		var username = "jose." + UUID.randomUUID().toString().substring(0, 8);

		var signedUp = CurrentTenant.callAs(clinic, () -> signups.signUp(check, details(username)));

		assertThat(events.stream(MemberEnrolled.class)).singleElement().satisfies(event -> {
			assertThat(event.tenant()).isEqualTo(clinic);
			assertThat(event.patientId()).isEqualTo(signedUp.patientId());
			var enrollment = CurrentTenant.callAs(clinic, () -> signups.enrollment(event.enrollment())).orElseThrow();
			assertThat(enrollment.firstName()).isEqualTo("José");
			assertThat(enrollment.state()).isEqualTo("WA");
		});

		assertThat(accounts.exists(username)).isTrue();
		assertThatExceptionOfType(Signups.CheckNotValid.class).as("the check is used up")
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> signups.signUp(check, details(username + "x"))));
	}

	@Test
	void leavesNothingBehindWhenKeycloakFailsAndLetsTheMemberRetry() {

		var check = CurrentTenant.callAs(clinic, () -> checks.check(CoverageCheckTests.question())).checkId();
		var username = "jose." + UUID.randomUUID().toString().substring(0, 8);

		accounts.failing(true);
		assertThatExceptionOfType(AccountsUnavailable.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> signups.signUp(check, details(username))));
		assertThat(CurrentTenant.callAs(clinic, () -> checks.isRedeemable(check))).as("the check is still usable").isTrue();

		accounts.failing(false);
		var signedUp = CurrentTenant.callAs(clinic, () -> signups.signUp(check, details(username)));
		assertThat(signedUp.patientId()).isNotNull();
	}

	@Test
	void refusesATakenUsernameAndKeepsTheCheck() {

		var taken = "taken." + UUID.randomUUID().toString().substring(0, 8);
		accounts.createPatient(clinic, new health.stride.platform.identity.Accounts.NewAccount(taken, "x@example.com",
				"secret-123", "X", "Y"));

		var check = CurrentTenant.callAs(clinic, () -> checks.check(CoverageCheckTests.question())).checkId();

		assertThatExceptionOfType(AccountConflict.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> signups.signUp(check, details(taken))))
				.satisfies(it -> assertThat(it.field()).isEqualTo("username"));
		assertThat(CurrentTenant.callAs(clinic, () -> checks.isRedeemable(check))).isTrue();
	}

	@Test
	void refusesASecondSignupOfTheSameMemberAndRemovesItsAccount() {

		var first = CurrentTenant.callAs(clinic, () -> checks.check(CoverageCheckTests.question())).checkId();
		CurrentTenant.runAs(clinic, () -> signups.signUp(first, details("first." + UUID.randomUUID().toString().substring(0, 8))));

		var second = CurrentTenant.callAs(clinic, () -> checks.check(CoverageCheckTests.question())).checkId();
		var again = "again." + UUID.randomUUID().toString().substring(0, 8);

		assertThatExceptionOfType(Signups.AlreadyEnrolled.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> signups.signUp(second, details(again))));
		assertThat(accounts.exists(again)).isFalse();
	}

	static SignupDetails details(String username) {
		return new SignupDetails(username, username + "@example.com", "long-enough-1", "WA", "America/Los_Angeles");
	}
}
