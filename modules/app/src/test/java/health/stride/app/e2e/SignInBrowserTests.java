package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A therapist signs in through Keycloak's own login form, lands on the caseload, signs out, and
 * is asked for the password again.
 */
class SignInBrowserTests extends BrowserTestSupport {

	@Autowired AuditTrail audit;
	@Autowired ServletWebServerApplicationContext context;

	@Test
	void signsATherapistInToTheCaseloadAndOutAgain() {

		browser.get(appUrl() + "/");
		browser.findElement(By.linkText("Sign in")).click();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		var sessionBeforeSignIn = browser.manage().getCookieNamed("JSESSIONID").getValue();

		signInAtKeycloak("pt.alex");

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		assertThat(browser.manage().getCookieNamed("JSESSIONID").getValue()).as("session id rotated at sign-in")
				.isNotEqualTo(sessionBeforeSignIn);
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> audit.latest(20)))
				.anySatisfy(entry -> assertThat(entry.action()).isEqualTo(AuditAction.SIGN_IN));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Caseload");
		assertThat(browser.findElement(By.className("lead")).getText()).contains("Alex").contains("OR, WA");

		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/"));
		assertThat(browser.findElement(By.linkText("Sign in")).isDisplayed()).isTrue();

		browser.get(appUrl() + "/caseload");

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(browser.getCurrentUrl()).startsWith(TestKeycloak.server().issuer());
	}

	@Test
	void signsEveryDemoUserInToTheirHome() {

		record Home(String username, String path, String heading) {}

		for (var home : new Home[] { new Home("pt.alex", "/caseload", "Caseload"),
				new Home("pt.sam", "/caseload", "Caseload"), new Home("coach.rio", "/caseload", "Caseload"),
				new Home("admin.nora", "/admin", "Northside Physio"), new Home("patient.maya", "/portal", "Hello"),
				new Home("patient.leo", "/portal", "Hello"), new Home("sponsor.acme", "/sponsor", "Acme Logistics"),
				new Home("pt.jordan", "/caseload", "Caseload"), new Home("admin.lee", "/admin", "Lakeside Therapy"),
				new Home("patient.ivy", "/portal", "Hello"), new Home("sponsor.bluecross", "/sponsor", "Cascade Health Plan"),
				new Home("root.ops", "/platform", "Clinics") }) {

			browser.manage().deleteAllCookies();
			browser.get(appUrl() + "/oauth2/authorization/keycloak");
			signInAtKeycloak(home.username());

			waiting.until(ExpectedConditions.urlToBe(appUrl() + home.path()));
			assertThat(browser.findElement(By.tagName("h1")).getText()).as(home.username()).contains(home.heading());

			browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
			waiting.until(ExpectedConditions.urlToBe(appUrl() + "/"));
		}
	}

	@Test
	void endsTheKeycloakSessionWhenThePageSessionTimesOut() throws Exception {

		browser.get(appUrl() + "/oauth2/authorization/keycloak");
		signInAtKeycloak("pt.sam");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));

		var session = sessions().findSession(browser.manage().getCookieNamed("JSESSIONID").getValue());
		session.setMaxInactiveInterval(1);
		// Tomcat ends it once a second has passed without a request: asked every 50 ms rather than after a fixed sleep
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
				.pollInterval(java.time.Duration.ofMillis(50)).until(() -> !session.isValid());
		assertThat(session.isValid()).as("the idle session expired").isFalse();

		browser.get(appUrl() + "/caseload");

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(browser.getCurrentUrl()).as("asked to sign in again, not silently signed back in")
				.startsWith(TestKeycloak.server().issuer());
	}

	@Test
	void turnsAwayAUserWhoseAccountBelongsToNoClinic() throws Exception {

		KeycloakAdmin.createUser("pt.unassigned", PASSWORD, "therapist");

		browser.get(appUrl() + "/oauth2/authorization/keycloak");
		signInAtKeycloak("pt.unassigned");

		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "You can't open this page"));
		assertThat(browser.findElement(By.tagName("main")).getText())
				.contains("not linked to exactly one clinic");
	}

	private Manager sessions() {
		var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
		return ((Context) tomcat.getHost().findChildren()[0]).getManager();
	}

	/** With organizations on, Keycloak asks for the username first and the password on a second page. */
}
