package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.careteams.internal.Assignments;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.careteams.NewClinician;
import health.stride.platform.identity.Accounts;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinic administrator invites a therapist: the real Keycloak gets an account in the clinic's
 * organization with the therapist role and no password, and emails the therapist (at the tests'
 * mail server) a link to choose one; the administrator never sees a password. When the therapist
 * leaves, the account is disabled.
 */
class ClinicianInviteEndToEndTests extends BrowserTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final Pattern ACTION_LINK = Pattern.compile("(http://localhost:\\d+/realms/stride/login-actions/action-token\\?key=[^\\s\"<>]+)");

	@Autowired ClinicianManagement clinicians;
	@Autowired Assignments assignments;

	@Test
	void invitesATherapistWhoChoosesTheirOwnPasswordFromKeycloaksEmailAndDisablesTheAccountWhenTheyLeave()
			throws Exception {

		var username = "pt.new" + UUID.randomUUID().toString().substring(0, 6);
		var email = username + "@northside.example";
		var invited = CurrentTenant.callAs(NORTHSIDE, () -> clinicians.invite(new NewClinician(username, email, "Nia",
				"Okoro", ClinicianRole.THERAPIST, 120,
				List.of(new License("WA", LicenseKind.LICENSE, "PT 7001", LocalDate.now().plusYears(2))))));

		assertThat(KeycloakAdmin.userState(username)).satisfies(user -> {
			assertThat(user.enabled()).isTrue();
			assertThat(user.realmRoles()).contains("therapist");
			assertThat(user.organizations()).containsExactly("northside");
		});
		assertThat(KeycloakAdmin.passwordsOf(username)).as("nobody but the therapist sets a password").isZero();
		assertThat(CurrentTenant.callAs(NORTHSIDE, () -> clinicians.find(invited.id()))).hasValueSatisfying(it -> {
			assertThat(it.displayName()).isEqualTo("Nia Okoro, PT");
			assertThat(it.capacity()).isEqualTo(120);
			assertThat(it.licensedStates()).containsExactly("WA");
		});

		// the therapist opens Keycloak's link and chooses a password, then can get a token with it
		var link = TestMail.awaitMatch(email, ACTION_LINK).group(1).replace("&amp;", "&");
		browser.get(link);
		if (browser.findElements(By.id("password-new")).isEmpty()) {
			browser.findElement(By.partialLinkText("Click here to proceed")).click();
		}
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
		browser.findElement(By.id("password-new")).sendKeys("moves-well-2030");
		browser.findElement(By.id("password-confirm")).sendKeys("moves-well-2030");
		browser.findElement(By.cssSelector("[type=submit]")).click();
		waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("password-new")));
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
				.until(() -> KeycloakAdmin.passwordsOf(username) == 1);
		assertThat(passwordGrant(username, "moves-well-2030")).as("signs in with the password they chose").isEqualTo(200);

		assertThatExceptionOfType(Accounts.AccountConflict.class).isThrownBy(() -> CurrentTenant.callAs(NORTHSIDE,
				() -> clinicians.invite(new NewClinician(username, "other@northside.example", "Nia", "Again",
						ClinicianRole.THERAPIST, 10, List.of()))));
		assertThat(KeycloakAdmin.usersNamed(username)).isOne();

		CurrentTenant.runAs(NORTHSIDE, () -> assignments.deactivate(invited.id()));
		assertThat(KeycloakAdmin.userState(username).enabled()).isFalse();
	}

	@Test
	void showsTheAdministratorNoPasswordWhenTheyInviteAClinician() throws Exception {

		var username = "coach.new" + UUID.randomUUID().toString().substring(0, 6);
		signIn("admin.nora");
		// let the sign-in finish its way back to Stride before going elsewhere, or it is cut short
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin"));
		fillClinicianInvitation("Ravi", "Iyer", username, username + "@northside.example", "COACH");
		browser.findElement(By.xpath("//button[normalize-space()='Invite']")).click();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("flash")));
		var page = browser.getPageSource();
		assertThat(browser.findElement(By.className("flash")).getText()).contains("emailed them a link");
		assertThat(page).doesNotContainIgnoringCase("one-time password").doesNotContainIgnoringCase("password:");
		assertThat(KeycloakAdmin.passwordsOf(username)).isZero();
		TestMail.awaitMatch(username + "@northside.example", ACTION_LINK);
	}

	private static int passwordGrant(String username, String password) throws Exception {
		var form = "grant_type=password&client_id=stride-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
				+ "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(TestKeycloak.server().url() + "/realms/stride/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form)).build(),
				BodyHandlers.ofString()).statusCode();
	}
}
