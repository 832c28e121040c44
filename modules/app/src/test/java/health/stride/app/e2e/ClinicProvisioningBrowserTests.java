package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinic starts on Stride without a restart or a realm change: the platform administrator
 * creates it on {@code /platform}, its administrator sets a password and an authenticator app from
 * Keycloak's email, signs in with both, lands on the clinic's administration and invites a therapist.
 */
class ClinicProvisioningBrowserTests extends BrowserTestSupport {

	@Autowired ClinicRegistry registry;

	@Test
	void aNewClinicsAdministratorSetsUpTheirAccountFromTheEmailSignsInAndInvitesATherapist() throws Exception {

		var alias = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		var email = "lead." + alias + "@new-clinic.example";

		signIn("root.ops");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/platform"));
		assertThat(browser.getPageSource()).contains("Northside Physio").contains("CA, OR, WA");
		assertThat(Accessibility.violations(browser)).as("axe on /platform").isEmpty();

		browser.findElement(By.name("name")).sendKeys("Harbor Physio " + alias);
		browser.findElement(By.name("alias")).sendKeys(alias);
		new Select(browser.findElement(By.name("timeZone"))).selectByValue("America/Chicago");
		var states = new Select(browser.findElement(By.name("states")));
		states.selectByValue("TX");
		states.selectByValue("OK");
		browser.findElement(By.name("admin.firstName")).sendKeys("Hana");
		browser.findElement(By.name("admin.lastName")).sendKeys("Harbor");
		browser.findElement(By.name("admin.email")).sendKeys(email);
		browser.findElement(By.xpath("//button[normalize-space()='Create the clinic']")).click();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("flash")));
		assertThat(browser.findElement(By.className("flash")).getText()).contains("Harbor Physio " + alias);
		assertThat(registry.isRegistered(TenantId.of(alias))).isTrue();
		assertThat(browser.getPageSource()).contains("America/Chicago").contains("OK, TX");
		assertThat(Accessibility.violations(browser)).as("axe on /platform after creating").isEmpty();

		// the same alias again: a friendly field error, nothing else created
		browser.findElement(By.name("name")).sendKeys("Another Harbor");
		browser.findElement(By.name("alias")).sendKeys(alias);
		new Select(browser.findElement(By.name("states"))).selectByValue("TX");
		browser.findElement(By.name("admin.firstName")).sendKeys("Ivo");
		browser.findElement(By.name("admin.lastName")).sendKeys("Other");
		browser.findElement(By.name("admin.email")).sendKeys("other." + email);
		browser.findElement(By.xpath("//button[normalize-space()='Create the clinic']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("field-error")));
		assertThat(browser.findElement(By.className("field-error")).getText()).contains("exists already");
		assertThat(Accessibility.violations(browser)).as("axe on the form with errors").isEmpty();

		freshBrowser();

		// the administrator's email: choose a password and set up an authenticator app
		var link = TestMail.awaitMatch(email, ClinicianInviteEndToEndTests.ACTION_LINK).group(1).replace("&amp;", "&");
		var secret = completeEmailedActions(link, "harbor-lead-2030");
		assertThat(secret).as("Keycloak asked for an authenticator app").isNotNull();
		assertThat(KeycloakAdmin.passwordsOf(email)).isOne();
		assertThat(KeycloakAdmin.userState(email).requiredActions()).isEmpty();

		// Keycloak's link back goes to Stride, which starts a sign-in: the password and a fresh one-time
		// code, and the administrator lands on the clinic's administration
		browser.findElement(By.partialLinkText("Back to Application")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(browser.getCurrentUrl()).startsWith(TestKeycloak.server().url()).contains("client_id=stride-web");
		signInAtKeycloak(email, "harbor-lead-2030");
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("otp")));
		// the next period's code: Keycloak refuses a code used once, and accepts one period either side
		browser.findElement(By.id("otp")).sendKeys(Totp.code(secret, Instant.now().plusSeconds(30)));
		browser.findElement(By.cssSelector("[type=submit]")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Harbor Physio " + alias);

		var therapist = "pt." + alias;
		fillClinicianInvitation("Tess", "Harbor", therapist, therapist + "@new-clinic.example", "THERAPIST");
		browser.findElement(By.xpath("//button[normalize-space()='Invite']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("flash")));
		assertThat(KeycloakAdmin.userState(therapist).organizations()).containsExactly(alias);
		TestMail.awaitMatch(therapist + "@new-clinic.example", ClinicianInviteEndToEndTests.ACTION_LINK);
	}
}
