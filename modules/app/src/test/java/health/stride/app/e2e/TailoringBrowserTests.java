package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * pt.alex assigns the flare template to Grace, who has spinal stenosis, swaps Prone Press Up for the
 * alternative the warning suggests, makes Pelvic Tilt 2×10 and saves; Grace then sees her tailored
 * plan. Each change is made in place by htmx. The tailoring page passes axe-core's WCAG 2.1 AA rules.
 */
class TailoringBrowserTests extends BrowserTestSupport {

	@Test
	void theTherapistTailorsAfterTheStenosisWarningAndThePatientSeesThePlan() {

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.findElement(By.linkText("Grace Liu")).click();
		waiting.until(ExpectedConditions.urlContains("/patients/"));

		new Select(browser.findElement(By.id("template"))).selectByVisibleText("Back pain flare: gentle mobility");
		browser.findElement(By.xpath("//button[normalize-space()='Assign']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.className("flash"), "Plan assigned"));
		browser.findElement(By.linkText("Tailor the plan")).click();

		waiting.until(ExpectedConditions.urlContains("/plan/edit"));
		assertThat(browser.findElement(By.className("same-day")).getText()).contains("Spinal stenosis");
		assertThat(Accessibility.violations(browser)).as("tailoring page").isEmpty();

		var pressUp = line("Prone Press Up");
		assertThat(pressUp.findElement(By.className("warning")).getText()).contains("bends the spine backward");
		var suggestion = pressUp.findElement(By.cssSelector(".warning button"));
		var alternative = suggestion.getText().replaceFirst("^Use ", "");
		suggestion.click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#editor .flash"),
				"Swapped Prone Press Up for " + alternative));
		assertThat(browser.findElements(By.xpath("//li[contains(@class,'line')]/h3[normalize-space()='Prone Press Up']")))
				.as("swapped in place, without a page load").isEmpty();
		assertThat(browser.getCurrentUrl()).endsWith("/plan/edit");

		var sets = browser.findElement(By.name("phases[0].exercises[0].sets"));
		sets.clear();
		sets.sendKeys("2");
		var reps = browser.findElement(By.name("phases[0].exercises[0].reps"));
		reps.clear();
		reps.sendKeys("10");
		browser.findElement(By.xpath("(//button[@value='save'])[1]")).click();

		waiting.until(ExpectedConditions.not(ExpectedConditions.urlContains("/plan/edit")));
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.className("flash"), "Plan saved as version 2"));
		assertThat(browser.findElement(By.className("flash")).getText())
				.contains("Pelvic Tilt: sets 1 → 2, reps 6 → 10", "removed Prone Press Up", "added " + alternative);
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Pelvic Tilt: 2×10");

		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/"));
		browser.manage().deleteAllCookies();
		signIn("patient.grace");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		browser.get(appUrl() + "/portal/plan");

		var pelvicTilt = browser.findElement(By.xpath("//article[h2[normalize-space()='Pelvic Tilt']]"));
		assertThat(pelvicTilt.getText()).contains("2×10");
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Prone Press Up");
	}

	/** The exercise's line on the tailoring page (the last one of that name: phases repeat exercises). */
	private WebElement line(String name) {
		return waiting.ignoring(StaleElementReferenceException.class).until(driver -> {
			var lines = driver.findElements(By.xpath("//li[contains(@class,'line')][h3[normalize-space()='" + name + "']]"));
			return lines.isEmpty() ? null : lines.get(lines.size() - 1);
		});
	}
}
