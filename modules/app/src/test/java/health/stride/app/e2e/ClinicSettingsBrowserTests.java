package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demo clinic's administrator opens the settings page from the header, which shows the clinic's
 * logo; a form with mistakes comes back with every error next to its field. Both pages pass
 * axe-core's WCAG 2.1 AA rules. Nothing is saved, so other tests see the demo clinic as it was.
 */
class ClinicSettingsBrowserTests extends BrowserTestSupport {

	@Test
	void anAdministratorSeesTheSettingsAndEachMistakeBesideItsField() {

		signIn("admin.nora");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin"));

		var logo = browser.findElement(By.className("clinic-logo"));
		assertThat(logo.getDomAttribute("alt")).isEqualTo("Northside Physio");
		waiting.until(driver -> ((Number) ((JavascriptExecutor) driver)
				.executeScript("return arguments[0].naturalWidth", logo)).intValue() > 0);

		browser.findElement(By.linkText("Settings")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin/settings"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Clinic settings");
		assertThat(browser.findElement(By.id("supportEmail")).getDomProperty("value")).isEqualTo("help@northside-physio.example");
		assertThat(Accessibility.violations(browser)).as("settings page").isEmpty();

		var name = browser.findElement(By.id("name"));
		name.clear();
		var grace = browser.findElement(By.id("coverageGraceDays"));
		grace.clear();
		grace.sendKeys("400");
		browser.findElement(By.xpath("//button[normalize-space()='Save settings']")).click();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("coverageGraceDays-error")));
		assertThat(browser.findElement(By.id("coverageGraceDays-error")).getText())
				.isEqualTo("Enter a whole number of days from 0 to 365.");
		assertThat(browser.findElement(By.id("name-error")).getText()).isEqualTo("Enter the clinic's name.");
		assertThat(Accessibility.violations(browser)).as("settings page with errors").isEmpty();
	}
}
