package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * On a phone-sized screen, the demo clinic's administrator opens the kinds of visit and a clinician's
 * availability from the header, and a therapist their own availability with the open times it
 * leaves; every page, with and without mistakes, passes axe-core's WCAG 2.1 AA rules and fits the
 * screen. Nothing is saved, so other tests see the demo clinic as it was.
 */
class AvailabilityBrowserTests extends BrowserTestSupport {

	/** The elements that reach past the right edge of the screen (none when the page fits). */
	@SuppressWarnings("unchecked")
	private java.util.List<String> pastTheScreen() {
		return (java.util.List<String>) ((JavascriptExecutor) browser).executeScript(
				"return [...document.querySelectorAll('body *')]"
						+ ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
						+ ".map(e => e.tagName + '.' + e.className + '#' + e.id);");
	}

	@Test
	void theKindsOfVisitAndAvailabilityPagesWorkOnAPhone() throws Exception {

		browser.manage().window().setSize(new Dimension(390, 844));
		signIn("admin.nora");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin"));

		browser.findElement(By.linkText("Visit types")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin/visit-types"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kinds of visit");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Follow-up", "Coaching call");
		assertThat(Accessibility.violations(browser)).as("kinds of visit").isEmpty();
		assertThat(pastTheScreen()).as("kinds of visit fit a phone").isEmpty();

		browser.findElement(By.id("minutes")).clear();
		browser.findElement(By.id("minutes")).sendKeys("500");
		browser.findElement(By.xpath("//button[normalize-space()='Add the kind of visit']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("minutes-error")));
		assertThat(browser.findElement(By.id("minutes-error")).getText()).isEqualTo("A visit lasts from 5 to 240 minutes.");
		assertThat(browser.findElement(By.id("name-error")).getText()).isEqualTo("Give the kind of visit a name.");
		assertThat(Accessibility.violations(browser)).as("kinds of visit with mistakes").isEmpty();

		browser.get(appUrl() + "/admin/visit-types/follow-up");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Change Follow-up");
		assertThat(Accessibility.violations(browser)).as("one kind of visit").isEmpty();

		browser.get(appUrl() + "/admin/clinicians");
		browser.findElement(By.partialLinkText("availability for visits")).click();
		waiting.until(ExpectedConditions.urlContains("/availability/"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Availability of ");
		assertThat(Accessibility.violations(browser)).as("a clinician's availability").isEmpty();
		assertThat(pastTheScreen()).as("availability fits a phone").isEmpty();

		var buffer = browser.findElement(By.id("buffer"));
		buffer.clear();
		buffer.sendKeys("500");
		browser.findElement(By.xpath("//button[normalize-space()='Save availability']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("buffer-error")));
		assertThat(browser.findElement(By.id("buffer-error")).getText()).isEqualTo("The buffer between visits is at most 120 minutes.");
		assertThat(Accessibility.violations(browser)).as("availability with mistakes").isEmpty();

		freshBrowser();
		browser.manage().window().setSize(new Dimension(390, 844));
		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlContains("/caseload"));
		browser.findElement(By.linkText("Availability")).click();
		waiting.until(ExpectedConditions.urlContains("/availability/"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Availability");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Shown for: Follow-up, 30 minutes");
		assertThat(browser.findElements(By.cssSelector("ul[aria-labelledby=preview-heading] li"))).hasSize(8);
		assertThat(Accessibility.violations(browser)).as("own availability").isEmpty();
		assertThat(pastTheScreen()).as("own availability fits a phone").isEmpty();
	}
}
