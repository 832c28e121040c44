package health.stride.eligibility;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.CoverageAnswer.Outcome;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@ApplicationModuleTest
class CoverageCheckTests {

	static final String ROSTER = """
			member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end
			M-100,José,Núñez-García,1984-02-29,jose@example.com,2025-01-01,
			M-101,Ann,O'Brien,1990-06-15,,2025-01-01,2025-12-31
			M-102,Li,Wu,1975-10-10,li@example.com,2099-01-01,
			M-103,Sam,Lee,1980-01-01,twin@example.com,2025-01-01,
			M-104,Sam,Lee,1980-01-01,twin@example.com,2025-01-01,
			""";

	private final CoverageChecks checks;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;

	private TenantId clinic;

	CoverageCheckTests(CoverageChecks checks, SponsorManagement sponsors, RosterImports rosters, ClinicRegistry clinics,
			JdbcClient jdbc, TransactionTemplate transactions) {
		this.checks = checks;
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@BeforeEach
	void aSponsorWithARoster() {

		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();

		var acme = CurrentTenant.callAs(clinic, () -> {
			sponsors.register(SponsorCode.of("EMPTY"), "No Roster Yet", SponsorKind.HEALTH_PLAN, null, null);
			return sponsors.register(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, null, null);
		});
		RosterFixtures.importRoster(rosters, clinic, acme, ROSTER);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			member id, exact                          | ACME | José | Núñez-García | 1984-02-29 | M-100 | -                 | ELIGIBLE
			case, accents, spaces, hyphens ignored    | acme | jose | nunez garcia | 1984-02-29 | M-100 | -                 | ELIGIBLE
			email instead of member id                | ACME | JOSE | NUNEZ-GARCIA | 1984-02-29 | -     | Jose@Example.com  | ELIGIBLE
			wrong date of birth                       | ACME | José | Núñez-García | 1984-03-01 | M-100 | -                 | NOT_ELIGIBLE
			wrong last name                           | ACME | José | Nunes        | 1984-02-29 | M-100 | -                 | NOT_ELIGIBLE
			wrong member id                           | ACME | José | Núñez-García | 1984-02-29 | M-999 | -                 | NOT_ELIGIBLE
			email with wrong first name               | ACME | Josh | Núñez-García | 1984-02-29 | -     | jose@example.com  | NOT_ELIGIBLE
			neither member id nor email               | ACME | José | Núñez-García | 1984-02-29 | -     | -                 | NOT_ELIGIBLE
			coverage ended                            | ACME | Ann  | OBrien       | 1990-06-15 | M-101 | -                 | NOT_ELIGIBLE
			coverage not started                      | ACME | Li   | Wu           | 1975-10-10 | M-102 | -                 | NOT_ELIGIBLE
			two members alike, email only             | ACME | Sam  | Lee          | 1980-01-01 | -     | twin@example.com  | NOT_ELIGIBLE
			two members alike, member id tells apart  | ACME | Sam  | Lee          | 1980-01-01 | M-104 | -                 | ELIGIBLE
			unknown sponsor                           | NOPE | José | Núñez-García | 1984-02-29 | M-100 | -                 | NOT_ELIGIBLE
			sponsor without a roster                  | EMPTY| José | Núñez-García | 1984-02-29 | M-100 | -                 | NOT_ELIGIBLE
			""")
	void matchesMembersOnTheirSponsorsRoster(String description, String sponsor, String first, String last,
			LocalDate birth, String memberId, String email, Outcome expected) {

		var answer = CurrentTenant.callAs(clinic,
				() -> checks.check(new CoverageQuestion(SponsorCode.of(sponsor), first, last, birth, memberId, email)));

		assertThat(answer.outcome()).as(description).isEqualTo(expected);
		if (expected == Outcome.ELIGIBLE) {
			assertThat(answer.sponsorName()).isEqualTo("Acme Logistics");
			assertThat(answer.checkId()).isNotNull();
		} else {
			assertThat(answer.sponsorName()).as("no hint which detail failed").isNull();
			assertThat(answer.checkId()).isNull();
		}
	}

	@Test
	void letsASuccessfulCheckBeRedeemedOnlyOnce() {

		var answer = CurrentTenant.callAs(clinic, () -> checks.check(question()));

		assertThat(CurrentTenant.callAs(clinic, () -> checks.isRedeemable(answer.checkId()))).isTrue();
		assertThat(CurrentTenant.callAs(clinic, () -> checks.redeem(answer.checkId()))).isPresent();
		assertThat(CurrentTenant.callAs(clinic, () -> checks.redeem(answer.checkId()))).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> checks.isRedeemable(answer.checkId()))).isFalse();
	}

	@Test
	void letsACheckExpire() {

		var answer = CurrentTenant.callAs(clinic, () -> checks.check(question()));

		CurrentTenant.runAs(clinic, () -> transactions.executeWithoutResult(status -> jdbc
				.sql("update eligibility.coverage_check set expires_at = now() - interval '1 second' where id = ?")
				.param(answer.checkId().id()).update()));

		assertThat(CurrentTenant.callAs(clinic, () -> checks.redeem(answer.checkId()))).isEmpty();
	}

	@Test
	void findsNobodyOfAnotherClinic() {

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();

		assertThat(CurrentTenant.callAs(other, () -> checks.check(question())).outcome()).isEqualTo(Outcome.NOT_ELIGIBLE);
	}

	static CoverageQuestion question() {
		return new CoverageQuestion(SponsorCode.of("ACME"), "José", "Núñez-García", LocalDate.of(1984, 2, 29), "M-100", null);
	}
}
