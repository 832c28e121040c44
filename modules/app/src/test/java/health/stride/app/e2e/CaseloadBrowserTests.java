package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * pt.alex signs in, finds a patient with an open red flag at the top of the caseload, filters by
 * reason, and opens the chart. The pages pass axe-core's WCAG 2.1 AA rules.
 */
class CaseloadBrowserTests extends EndToEndTestSupport {

	WebDriver browser;
	WebDriverWait waiting;

	@BeforeEach
	void openBrowser() throws Exception {
		assertThat(Browsers.available()).as("Debian's chromium and chromium-driver are installed (.ci/run)").isTrue();
		browser = Browsers.chromium();
		waiting = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theTherapistSeesTheRedFlagFirstAndOpensTheChart() {

		browser.get(appUrl() + "/oauth2/authorization/keycloak");
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		browser.findElement(By.id("username")).sendKeys("pt.alex");
		if (browser.findElements(By.id("password")).isEmpty()) {
			browser.findElement(By.id("kc-login")).click();
			waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
		}
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		browser.findElement(By.id("kc-login")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));

		var firstRow = browser.findElement(By.cssSelector("table.caseload tbody tr"));
		assertThat(firstRow.findElements(By.className("tag")).get(0).getText()).isEqualTo("Red flag");
		assertThat(browser.findElement(By.cssSelector("table.caseload")).getText()).contains("Noah Brooks", "Maya Okafor",
				"Grace Liu");
		assertThat(Accessibility.violations(browser)).as("caseload").isEmpty();

		// filtering swaps the list in place (htmx) and keeps the address shareable
		browser.findElement(By.partialLinkText("Needs a plan")).click();
		waiting.until(ExpectedConditions.urlContains("reason=needs-plan"));
		current(By.partialLinkText("Needs a plan"));
		assertThat(browser.findElements(By.cssSelector("table.caseload tbody tr"))).allSatisfy(
				row -> assertThat(row.getText()).contains("Needs a plan"));

		browser.findElement(By.linkText("All")).click();
		current(By.linkText("All"));
		var name = browser.findElement(By.cssSelector("table.caseload tbody tr td a")).getText();
		browser.findElement(By.cssSelector("table.caseload tbody tr td a")).click();

		waiting.until(ExpectedConditions.urlContains("/patients/"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(name);
		assertThat(browser.findElement(By.className("urgent")).getText()).contains("Open red flag");
		assertThat(Accessibility.violations(browser)).as("chart").isEmpty();
	}

	/** Waits until the filter link is the current one, across htmx replacing the list. */
	private void current(By link) {
		waiting.ignoring(StaleElementReferenceException.class)
				.until(driver -> "page".equals(driver.findElement(link).getDomAttribute("aria-current")));
	}
}
