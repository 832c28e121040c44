package health.stride.eligibility;

import static org.assertj.core.api.Assertions.*;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import health.stride.eligibility.Signups.SignupDetails;
import health.stride.platform.i18n.Language;
import health.stride.platform.identity.Accounts;
import health.stride.platform.identity.Accounts.AccountConflict;
import health.stride.platform.identity.Accounts.AccountsUnavailable;
import health.stride.platform.identity.Accounts.NewAccount;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Signing up through a link emailed to the member (a real SMTP server, GreenMail), and what it never tells. */
@ApplicationModuleTest
@RecordApplicationEvents
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"stride.public-url=https://stride.example" })
class SignupTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	static final Pattern LINK = Pattern.compile("https://stride\\.example/c/([^/\\s]+)/signup/confirm\\?token=([A-Za-z0-9_-]{43})");

	private final Signups signups;
	private final CoverageChecks checks;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final ClinicRegistry clinics;
	private final InMemoryAccounts accounts;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;

	private TenantId clinic;
	private String rosterEmail;

	SignupTests(Signups signups, CoverageChecks checks, SponsorManagement sponsors, RosterImports rosters,
			ClinicRegistry clinics, InMemoryAccounts accounts, JdbcClient jdbc, TransactionTemplate transactions) {
		this.signups = signups;
		this.checks = checks;
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.clinics = clinics;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@BeforeEach
	void membersOnARoster() {

		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Northside Physio").tenant();
		rosterEmail = "jose-" + UUID.randomUUID() + "@example.com";

		var acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, null, null));
		RosterFixtures.importRoster(rosters, clinic, acme, RosterFixtures.HEADER
				+ "M-100,José,Núñez-García,1984-02-29," + rosterEmail + ",2025-01-01,\n"
				+ "M-200,Ada,Berg,1970-03-03,,2025-01-01,\n");
	}

	@AfterEach
	void keycloakBack() {
		accounts.failing(false);
	}

	@Test
	void emailsTheLinkToTheRostersAddressAndEnrollsOnlyWhenItIsOpened(ApplicationEvents events) throws Exception {

		var username = username("jose");
		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(username, "someone-else@example.org")));

		assertThat(accounts.exists(username)).isTrue();
		assertThat(accounts.isEnabled(username)).as("the account cannot sign in yet").isFalse();
		assertThat(enrollments()).as("nothing enrolled before the link is opened").isZero();
		assertThat(events.stream(MemberEnrolled.class)).isEmpty();

		var mail = onlyMail();
		assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(rosterEmail);
		var text = GreenMailUtil.getBody(mail);
		assertThat(text).contains("Northside Physio", username)
				.as("no personal or clinical details").doesNotContain("José", "Núñez", "1984", "M-100", "Acme");
		var link = LINK.matcher(text);
		assertThat(link.find()).as(text).isTrue();
		assertThat(link.group(1)).as("the link names the clinic and a token only").isEqualTo(clinic.value());
		var token = link.group(2);

		assertThat(CurrentTenant.callAs(clinic, () -> signups.isPending(token))).isTrue();
		var signedUp = CurrentTenant.callAs(clinic, () -> signups.confirm(token)).orElseThrow();

		assertThat(accounts.isEnabled(username)).isTrue();
		assertThat(events.stream(MemberEnrolled.class)).singleElement().satisfies(event -> {
			assertThat(event.tenant()).isEqualTo(clinic);
			assertThat(event.patientId()).isEqualTo(signedUp.patientId());
			var enrollment = CurrentTenant.callAs(clinic, () -> signups.enrollment(event.enrollment())).orElseThrow();
			assertThat(enrollment.firstName()).isEqualTo("José");
			assertThat(enrollment.email()).as("the address proven by the link").isEqualTo(rosterEmail);
			assertThat(enrollment.state()).isEqualTo("WA");
			assertThat(enrollment.language()).as("English unless chosen").isEqualTo(Language.ENGLISH);
		});

		assertThat(CurrentTenant.callAs(clinic, () -> signups.confirm(token))).as("the link works once").isEmpty();
		assertThat(events.stream(MemberEnrolled.class)).hasSize(1);
	}

	@Test
	void emailsTheLinkInSpanishToAMemberWhoChoseSpanishAndEnrollsThemInSpanish(ApplicationEvents events)
			throws Exception {

		var username = username("jose");
		var spanish = new SignupDetails(username, "a@example.org", "long-enough-1", "WA", "America/Los_Angeles",
				Language.SPANISH);
		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), spanish));

		var mail = onlyMail();
		assertThat(mail.getSubject()).isEqualTo("Termine de crear su cuenta en Northside Physio");
		assertThat(text(mail)).contains("Hola:", "con el nombre de usuario " + username,
				"en las próximas 24 horas").doesNotContain("Hello");

		CurrentTenant.runAs(clinic, () -> signups.confirm(token(mail)));
		assertThat(events.stream(MemberEnrolled.class)).singleElement().satisfies(event -> assertThat(
				CurrentTenant.callAs(clinic, () -> signups.enrollment(event.enrollment())).orElseThrow().language())
				.isEqualTo(Language.SPANISH));
	}

	@Test
	void tellsAnEnrolledMemberInTheLanguageOfTheNewSignup() throws Exception {

		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(username("jose"), "a@example.org")));
		CurrentTenant.runAs(clinic, () -> signups.confirm(token(onlyMail())));
		smtp.purgeEmailFromAllMailboxes();

		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), new SignupDetails(username("again"),
				"b@example.org", "long-enough-1", "WA", "America/Los_Angeles", Language.SPANISH)));

		assertThat(onlyMail().getSubject()).isEqualTo("Usted ya tiene una cuenta de Stride");
	}

	@Test
	void emailsTheLinkToTheGivenAddressWhenTheRosterHasNone() throws Exception {

		var username = username("ada");
		var address = "ada-" + UUID.randomUUID() + "@example.org";
		CurrentTenant.runAs(clinic, () -> signups.signUp(check(ada()), details(username, address)));

		assertThat(onlyMail().getAllRecipients()).extracting(Object::toString).containsExactly(address);
	}

	@Test
	void answersAnEnrolledMemberLikeAnyoneAndTellsThemByEmail(ApplicationEvents events) throws Exception {

		var first = username("jose");
		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(first, "a@example.org")));
		var token = token(onlyMail());
		CurrentTenant.runAs(clinic, () -> signups.confirm(token));
		smtp.purgeEmailFromAllMailboxes();

		var again = username("again");
		assertThatNoException().as("the same answer as a first signup")
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(again, "b@example.org"))));

		assertThat(accounts.exists(again)).isFalse();
		var mail = onlyMail();
		assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(rosterEmail);
		assertThat(mail.getSubject()).isEqualTo("You already have a Stride account");
		assertThat(GreenMailUtil.getBody(mail)).contains("Forgot password?").doesNotContain("token=");
		assertThat(events.stream(MemberEnrolled.class)).hasSize(1);
		assertThat(enrollments()).isOne();
	}

	@Test
	void answersAnAddressThatHasAnAccountAlreadyByEmail() throws Exception {

		accounts.createUnconfirmed(clinic, new NewAccount(username("other"), rosterEmail, "long-enough-1", "X", "Y"),
				health.stride.platform.security.Role.PATIENT);
		var username = username("jose");

		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(username, "x@example.org")));

		assertThat(accounts.exists(username)).isFalse();
		assertThat(onlyMail().getSubject()).isEqualTo("You already have a Stride account");
	}

	@Test
	void refusesAPasswordContainingTheAddressAlikeWhetherOrNotTheMemberIsEnrolled() throws Exception {

		var weak = new SignupDetails(username("jose"), "a@example.org", "my" + rosterEmail, "WA", "America/Los_Angeles");
		assertThatExceptionOfType(Accounts.AccountRejected.class)
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), weak)));

		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(username("jose"), "a@example.org")));
		var token = token(onlyMail());
		CurrentTenant.runAs(clinic, () -> signups.confirm(token));

		var again = new SignupDetails(username("jose"), "a@example.org", "my" + rosterEmail, "WA", "America/Los_Angeles");
		assertThatExceptionOfType(Accounts.AccountRejected.class).as("the same answer once enrolled")
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), again)));
	}

	@Test
	void usesUpTheCheckEvenWhenTheSignupFails() {

		var check = check(jose());
		var username = username("jose");

		accounts.failing(true);
		assertThatExceptionOfType(AccountsUnavailable.class)
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> signups.signUp(check, details(username, "a@example.org"))));

		assertThat(CurrentTenant.callAs(clinic, () -> checks.isRedeemable(check))).as("the check stays used").isFalse();
		assertThat(accounts.exists(username)).isFalse();
		assertThat(pendingSignups()).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void refusesATakenUsernameWithTheOneNeutralAnswerAndKeepsTheCheck() {

		var taken = username("taken");
		accounts.create(clinic, new NewAccount(taken, "t-" + UUID.randomUUID() + "@example.com", "long-enough-1", "X", "Y"),
				health.stride.platform.security.Role.PATIENT);
		var check = check(jose());

		assertThatExceptionOfType(AccountConflict.class)
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> signups.signUp(check, details(taken, "a@example.org"))))
				.withMessage(AccountConflict.MESSAGE);
		assertThat(CurrentTenant.callAs(clinic, () -> checks.isRedeemable(check))).isTrue();
	}

	@Test
	void treatsUnknownUsedAndExpiredLinksAlikeAndRemovesExpiredSignupsWithTheirAccounts() throws Exception {

		var username = username("jose");
		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(username, "a@example.org")));
		var token = token(onlyMail());

		CurrentTenant.runAs(clinic, () -> transactions.executeWithoutResult(status -> jdbc
				.sql("update eligibility.pending_signup set expires_at = now() - interval '1 minute'").update()));

		assertThat(CurrentTenant.callAs(clinic, () -> signups.isPending(token))).isFalse();
		assertThat(CurrentTenant.callAs(clinic, () -> signups.confirm(token))).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> signups.confirm("x".repeat(43)))).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> signups.confirm("not a token"))).isEmpty();
		assertThat(accounts.isEnabled(username)).isFalse();

		assertThat(CurrentTenant.callAs(clinic, signups::removeExpired)).isOne();
		assertThat(accounts.exists(username)).as("the disabled account is removed").isFalse();
		assertThat(pendingSignups()).isZero();
	}

	@Test
	void keepsOnlyTheLatestSignupOfAMember() throws Exception {

		var first = username("first");
		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(first, "a@example.org")));
		var second = username("second");
		CurrentTenant.runAs(clinic, () -> signups.signUp(check(jose()), details(second, "a@example.org")));

		assertThat(accounts.exists(first)).isFalse();
		assertThat(accounts.exists(second)).isTrue();
		assertThat(pendingSignups()).isOne();
	}

	private CoverageCheckId check(CoverageQuestion question) {
		var answer = CurrentTenant.callAs(clinic, () -> checks.check(question));
		assertThat(answer.eligible()).isTrue();
		return answer.checkId();
	}

	private static CoverageQuestion jose() {
		return CoverageCheckTests.question();
	}

	private static CoverageQuestion ada() {
		return new CoverageQuestion(SponsorCode.of("ACME"), "Ada", "Berg", java.time.LocalDate.of(1970, 3, 3), "M-200", null);
	}

	private MimeMessage onlyMail() {
		assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		return smtp.getReceivedMessages()[0];
	}

	/** The decoded text: a Spanish email is sent quoted-printable. */
	private static String text(MimeMessage mail) {
		try {
			return mail.getContent().toString();
		} catch (jakarta.mail.MessagingException | java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String token(MimeMessage mail) {
		var link = LINK.matcher(text(mail));
		assertThat(link.find()).isTrue();
		return link.group(2);
	}

	private int enrollments() {
		return count("eligibility.enrollment");
	}

	private int pendingSignups() {
		return count("eligibility.pending_signup");
	}

	private int count(String table) {
		return CurrentTenant.callAs(clinic, () -> transactions.execute(status -> jdbc.sql("select count(*) from " + table)
				.query(Integer.class).single()));
	}

	private static String username(String prefix) {
		return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
	}

	static SignupDetails details(String username, String email) {
		return new SignupDetails(username, email, "long-enough-1", "WA", "America/Los_Angeles");
	}
}
