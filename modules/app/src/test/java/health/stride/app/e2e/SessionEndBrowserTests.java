package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Page sessions that really end: background polling does not keep them alive, a page asks "still
 * there?" before the idle sign-out, no session outlives twelve hours, a sign-out in Keycloak ends
 * Stride's session too, and a clinician who leaves the clinic loses every way in at once.
 */
class SessionEndBrowserTests extends BrowserTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final String LAST_ACTIVITY = "health.stride.app.security.PageSessionLifetime.LAST_ACTIVITY";
	static final String SIGNED_IN_AT = "health.stride.app.security.PageSessionLifetime.SIGNED_IN_AT";
	static final String CHECKED_AT = "health.stride.app.security.PageSessionLifetime.CHECKED_AT";

	@Autowired ServletWebServerApplicationContext context;
	@Autowired ClinicianManagement clinicians;

	@Test
	void pollingDoesNotCountAsActivityAndAnIdleInboxAsksThenSignsOut() throws Exception {

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.get(appUrl() + "/messages");
		var session = session();
		var lastActivity = session.getSession().getAttribute(LAST_ACTIVITY);

		// the inbox polls every second: two of its requests reach the session, rather than a fixed sleep
		var since = System.currentTimeMillis();
		var firstPoll = waiting.until(it -> session.getLastAccessedTime() > since ? session.getLastAccessedTime() : null);
		waiting.until(it -> session.getLastAccessedTime() > firstPoll);
		assertThat(session.getSession().getAttribute(LAST_ACTIVITY)).as("polling is not activity").isEqualTo(lastActivity);
		assertThat(browser.findElement(By.id("idle-notice")).isDisplayed()).isFalse();

		session.getSession().setAttribute(LAST_ACTIVITY, Instant.now().minus(Duration.ofMinutes(14)));
		waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("idle-notice")));
		assertThat(browser.findElement(By.id("idle-notice")).getText()).contains("Still there?");

		session.getSession().setAttribute(LAST_ACTIVITY, Instant.now().minus(Duration.ofMinutes(16)));
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(browser.getCurrentUrl()).as("asked to sign in again, not silently signed back in")
				.startsWith(TestKeycloak.server().issuer());
		assertThat(session.isValid()).isFalse();
	}

	@Test
	void staysSignedInWhenThePersonAnswersTheNotice() {

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.get(appUrl() + "/messages");
		var session = session();

		var longAgo = Instant.now().minus(Duration.ofMinutes(14));
		session.getSession().setAttribute(LAST_ACTIVITY, longAgo);
		waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("idle-notice")));
		browser.findElement(By.xpath("//button[normalize-space()='Stay signed in']")).click();

		waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("idle-notice")));
		assertThat((Instant) session.getSession().getAttribute(LAST_ACTIVITY)).isAfter(longAgo.plus(Duration.ofMinutes(13)));
		assertThat(browser.getCurrentUrl()).isEqualTo(appUrl() + "/messages");
	}

	@Test
	void endsASessionTwelveHoursAfterSignInHoweverActive() {

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		session().getSession().setAttribute(SIGNED_IN_AT, Instant.now().minus(Duration.ofHours(12)));

		browser.get(appUrl() + "/caseload");

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(browser.getCurrentUrl()).startsWith(TestKeycloak.server().issuer());
	}

	@Test
	void endsThePageSessionWhenKeycloakEndsTheUsersSessions() throws Exception {

		signIn("pt.sam");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		var session = session();

		KeycloakAdmin.signOutEverywhere("pt.sam");

		waiting.withTimeout(Duration.ofSeconds(10)).until(it -> !session.isValid());
		browser.get(appUrl() + "/caseload");
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(browser.getCurrentUrl()).startsWith(TestKeycloak.server().issuer());
	}

	@Test
	void endsThePageSessionWhenTheAccountIsDisabledInKeycloak() throws Exception {

		var username = "pt.disabled" + UUID.randomUUID().toString().substring(0, 6);
		KeycloakAdmin.createMember(username, PASSWORD, "therapist", "northside");
		CurrentTenant.runAs(NORTHSIDE, () -> clinicians.add(username, "Dee Disabled, PT", ClinicianRole.THERAPIST, List.of()));
		signIn(username);
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		var session = session();

		KeycloakAdmin.disable(username);
		// Stride asks Keycloak again once stride.sessions.revalidate-every has passed since it last asked: a minute ago
		session.getSession().setAttribute(CHECKED_AT, Instant.now().minus(Duration.ofMinutes(1)));

		browser.get(appUrl() + "/caseload");
		// sent to Keycloak, which tells a disabled account it cannot sign in
		waiting.until(ExpectedConditions.urlContains(TestKeycloak.server().issuer()));
		assertThat(session.isValid()).as("Stride's page session ended").isFalse();
		assertThat(browser.getPageSource()).doesNotContain("Caseload");
	}

	@Test
	void aTherapistWhoLeavesLosesTheirOpenSessionAndCannotGetATokenAgain() throws Exception {

		// like the realm file's clinicians: a member of the clinic in Keycloak whose account id Stride never recorded
		var username = "pt.leaving" + UUID.randomUUID().toString().substring(0, 6);
		KeycloakAdmin.createMember(username, PASSWORD, "therapist", "northside");
		var leaving = CurrentTenant.callAs(NORTHSIDE, () -> clinicians.add(username, "Lee Leaving, PT",
				ClinicianRole.THERAPIST, List.of(new License("WA", LicenseKind.LICENSE, "PT 9911", LocalDate.now().plusYears(1)))));

		signIn(username);
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		var session = session();
		assertThat(tokenRequest(username)).as("a token before leaving").isEqualTo(200);

		deactivateAsTheClinicAdministrator(leaving.id());

		waiting.withTimeout(Duration.ofSeconds(10)).until(it -> !session.isValid());
		browser.get(appUrl() + "/caseload");
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(browser.getCurrentUrl()).as("the old browser session is gone").startsWith(TestKeycloak.server().issuer());
		assertThat(tokenRequest(username)).as("no new token").isNotEqualTo(200);
		assertThat(KeycloakAdmin.userState(username)).satisfies(user -> {
			assertThat(user.enabled()).isFalse();
			assertThat(user.organizations()).isEmpty();
		});
	}

	/** admin.nora, in a browser of her own, deactivates the clinician on their page. */
	private void deactivateAsTheClinicAdministrator(UUID clinician) throws Exception {

		var therapistsBrowser = browser;
		var therapistsWaiting = waiting;
		browser = Browsers.lease();
		waiting = new WebDriverWait(browser, Duration.ofSeconds(30), Browsers.POLL);
		try {
			signIn("admin.nora");
			waiting.until(ExpectedConditions.not(ExpectedConditions.urlContains("/realms/")));
			browser.get(appUrl() + "/admin/clinicians/" + clinician);
			browser.findElement(By.xpath("//button[starts-with(normalize-space(), 'Deactivate')]")).click();
			waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin/clinicians"));
			assertThat(browser.findElement(By.className("flash")).getText()).contains("is deactivated");
		} finally {
			Browsers.release(browser);
			browser = therapistsBrowser;
			waiting = therapistsWaiting;
		}
	}

	private static int tokenRequest(String username) throws Exception {
		var form = "grant_type=password&client_id=stride-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
				+ "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestKeycloak.server().issuer()
				+ "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(form)).build(), BodyHandlers.discarding()).statusCode();
	}

	/** The browser's page session, as the servlet container holds it. */
	private Session session() {
		var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
		var manager = ((Context) tomcat.getHost().findChildren()[0]).getManager();
		try {
			return manager.findSession(browser.manage().getCookieNamed("JSESSIONID").getValue());
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
