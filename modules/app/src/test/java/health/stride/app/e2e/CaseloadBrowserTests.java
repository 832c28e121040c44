package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * pt.alex signs in, finds a patient with an open red flag at the top of the caseload, filters by
 * reason, and opens the chart with its pain chart; on the remote-monitoring page he finds Maya over
 * every threshold. The pages pass axe-core's WCAG 2.1 AA rules.
 */
class CaseloadBrowserTests extends BrowserTestSupport {

	@Test
	void theTherapistSeesTheRedFlagFirstAndOpensTheChart() {

		signIn("pt.alex");
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
		var painChart = browser.findElement(By.xpath("//figure[figcaption[normalize-space()='Pain (0–10) over time']]"));
		assertThat(painChart.findElements(By.cssSelector("svg[role=img] circle.dot"))).as("the intake's pain").isNotEmpty();
		assertThat(painChart.findElement(By.tagName("desc")).getDomProperty("textContent")).startsWith("Started at");
		assertThat(Accessibility.violations(browser)).as("chart").isEmpty();
	}

	@Test
	void theTherapistFindsTheirMonitoredPatientOnTheRemoteMonitoringPage() {

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.findElement(By.linkText("Remote monitoring")).click();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/patients/monitoring"));
		assertThat(browser.findElement(By.cssSelector("table.monitoring-report")).getText()).contains("Okafor, Maya",
				"98975 set-up", "98977 16 days", "98980 20 minutes", "98981 × 1");
		assertThat(browser.findElement(By.tagName("main")).getText())
				.contains("The clinic is responsible for billing decisions.").doesNotContain("Download for the biller");
		assertThat(Accessibility.violations(browser)).as("monitoring").isEmpty();

		browser.findElement(By.linkText("Okafor, Maya")).click();
		waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("monitoring-heading")));
		assertThat(browser.findElement(By.id("monitoring")).getText()).contains("Period 1:", "98977 16 days");
	}

	/** Waits until the filter link is the current one, across htmx replacing the list. */
	private void current(By link) {
		waiting.ignoring(StaleElementReferenceException.class)
				.until(driver -> "page".equals(driver.findElement(link).getDomAttribute("aria-current")));
	}
}
