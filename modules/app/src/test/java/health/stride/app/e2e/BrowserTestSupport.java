package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A fresh headless Chromium for each test, and signing in at Keycloak's own form. */
abstract class BrowserTestSupport extends EndToEndTestSupport {

	WebDriver browser;
	WebDriverWait waiting;

	@BeforeEach
	void openBrowser() throws Exception {
		assertThat(Browsers.available()).as("Debian's chromium and chromium-driver are installed (.ci/run)").isTrue();
		browser = Browsers.chromium();
		// a condition read while the page is being replaced meets the old page's elements: ask again
		waiting = new WebDriverWait(browser, Duration.ofSeconds(30));
		waiting.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
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
