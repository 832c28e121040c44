package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for each test, as new (lent from {@link Browsers}' pool and wiped), and signing in
 * at Keycloak's own form.
 */
abstract class BrowserTestSupport extends EndToEndTestSupport {

	WebDriver browser;
	WebDriverWait waiting;

	@BeforeEach
	void openBrowser() throws Exception {
		assertThat(Browsers.available()).as("Debian's chromium and chromium-driver are installed (.ci/run)").isTrue();
		browser = Browsers.lease();
		// a condition read while the page is being replaced meets the old page's elements: ask again
		waiting = new WebDriverWait(browser, Duration.ofSeconds(30), Browsers.POLL);
		waiting.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			Browsers.release(browser);
		}
	}

	/**
	 * Nobody signed in anywhere: a new browser, without the sessions of the one before. (With the pooled
	 * browser wiped here instead, NewClinicEndToEndTests once stopped at Keycloak's sign-in form; until that
	 * is understood, a test that changes hands mid-way gets a new browser.)
	 */
	void freshBrowser() throws Exception {
		Browsers.release(browser);
		browser = Browsers.chromium();
		waiting = new WebDriverWait(browser, Duration.ofSeconds(30), Browsers.POLL);
		waiting.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
	}

	/**
	 * Follows the link of Keycloak's actions email and does what it asks, in whichever order Keycloak
	 * asks it: chooses the password and, when asked, sets up an authenticator app.
	 *
	 * @return the authenticator's secret, or null if Keycloak asked for none
	 */
	@org.jspecify.annotations.Nullable String completeEmailedActions(String link, String password) throws Exception {

		browser.get(link);
		if (!browser.findElements(By.partialLinkText("Click here to proceed")).isEmpty()) {
			browser.findElement(By.partialLinkText("Click here to proceed")).click();
		}
		String secret = null;
		for (var step = 0; step < 4; step++) {
			try {
				waiting.until(driver -> !driver.findElements(By.id("password-new")).isEmpty()
						|| !driver.findElements(By.id("totp")).isEmpty() || !driver.findElements(By.id("kc-info-message")).isEmpty());
			} catch (org.openqa.selenium.TimeoutException stuck) {
				throw new AssertionError("Stuck at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), stuck);
			}
			if (!browser.findElements(By.id("password-new")).isEmpty()) {
				browser.findElement(By.id("password-new")).sendKeys(password);
				browser.findElement(By.id("password-confirm")).sendKeys(password);
				browser.findElement(By.cssSelector("[type=submit]")).click();
				waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("password-new")));
			} else if (!browser.findElements(By.id("totp")).isEmpty()) {
				secret = totpSecret();
				browser.findElement(By.id("totp")).sendKeys(Totp.code(secret, java.time.Instant.now()));
				browser.findElement(By.cssSelector("[type=submit]")).click();
				waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("totp")));
			} else {
				break;
			}
		}
		return secret;
	}

	/** The key Keycloak shows for entering by hand, behind its "Unable to scan?" link. */
	private String totpSecret() {
		if (browser.findElements(By.id("kc-totp-secret-key")).isEmpty()
				|| !browser.findElement(By.id("kc-totp-secret-key")).isDisplayed()) {
			browser.findElement(By.partialLinkText("Unable to scan")).click();
		}
		waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-totp-secret-key")));
		return browser.findElement(By.id("kc-totp-secret-key")).getText();
	}

	/**
	 * Signs in with a password and the authenticator's code of the next period (Keycloak refuses a
	 * code used once, and accepts one period either side).
	 */
	void signInWithAuthenticator(String username, String password, String secret) throws Exception {
		browser.get(appUrl() + "/oauth2/authorization/keycloak");
		signInAtKeycloak(username, password);
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("otp")));
		browser.findElement(By.id("otp")).sendKeys(Totp.code(secret, java.time.Instant.now().plusSeconds(30)));
		browser.findElement(By.cssSelector("[type=submit]")).click();
	}

	/**
	 * From the portal of a patient who has agreed to nothing yet: agrees to the consents and answers
	 * a sciatica intake with no warning signs, back to the portal.
	 */
	void agreeAndCompleteIntake() {

		browser.findElement(By.linkText("Read and agree")).click();
		browser.findElement(By.name("agree-TELEHEALTH")).click();
		browser.findElement(By.name("agree-PRIVACY")).click();
		submitMain();
		waiting.until(ExpectedConditions.urlContains("/portal/intake"));
		browser.findElement(By.cssSelector("input[name=painRegions][value=low-back]")).click();
		browser.findElement(By.cssSelector("input[name=painNow][value='5']")).click();
		submitMain();
		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 2 of 5: How long, and what makes it worse"));
		browser.findElement(By.cssSelector("input[name=painDuration][value=SUBACUTE]")).click();
		browser.findElement(By.cssSelector("input[name=worseWith][value=sitting]")).click();
		submitMain();
		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 3 of 5: Diagnoses and goals"));
		browser.findElement(By.cssSelector("input[name=diagnoses][value=sciatica]")).click();
		browser.findElement(By.id("goals")).sendKeys("Walk the dog every morning");
		submitMain();
		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 4 of 5: Activities that are hard"));
		browser.findElement(By.id("activity0")).sendKeys("Walking the dog");
		browser.findElement(By.id("score0")).sendKeys("4");
		submitMain();
		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 5 of 5: Warning signs"));
		browser.findElements(By.cssSelector("input[type=radio][value=no]")).forEach(it -> it.click());
		submitMain();
		// the intake ends with the mood check-in: the PHQ-2, then the GAD-7, "not at all" to each item
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/check-in"));
		for (var instrument : java.util.List.of("PHQ2", "GAD7")) {
			waiting.until(ExpectedConditions.attributeToBe(By.name("instrument"), "value", instrument));
			browser.findElements(By.cssSelector("input[type=radio][value='0']")).forEach(it -> it.click());
			submitMain();
		}
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
	}

	private void submitMain() {
		browser.findElement(By.cssSelector("main button[type=submit]")).click();
	}

	/** Opens the clinic administrator's clinicians page and fills in whom to invite, not yet sent. */
	void fillClinicianInvitation(String firstName, String lastName, String username, String email, String role) {
		browser.get(appUrl() + "/admin/clinicians");
		browser.findElement(By.name("firstName")).sendKeys(firstName);
		browser.findElement(By.name("lastName")).sendKeys(lastName);
		browser.findElement(By.name("username")).sendKeys(username);
		browser.findElement(By.name("email")).sendKeys(email);
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("role"))).selectByValue(role);
	}

	/** Starts a sign-in from the application and completes it as the demo user. */
	void signIn(String username) {
		browser.get(appUrl() + "/oauth2/authorization/keycloak");
		signInAtKeycloak(username);
	}

	/** Fills in Keycloak's login form, which asks for the username and the password on separate pages. */
	void signInAtKeycloak(String username) {
		signInAtKeycloak(username, PASSWORD);
	}

	void signInAtKeycloak(String username, String password) {

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		browser.findElement(By.id("username")).sendKeys(username);
		if (browser.findElements(By.id("password")).isEmpty()) {
			browser.findElement(By.id("kc-login")).click();
			waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
		}
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("kc-login")).click();
	}
}
