package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * On a phone-sized screen, demo patient Maya does today's session, ends it with a pain flare and is
 * told at once to scale back; her therapist then finds the flare on the caseload. She also reads
 * today's lesson from her home page, sees her week's goal there and chooses her exercise reminders.
 * The session, lesson, home and reminder pages pass axe-core's WCAG 2.1 AA rules.
 */
class SessionBrowserTests extends BrowserTestSupport {

	@Test
	void aPatientReportsAFlareInTheSessionAndTheTherapistSeesIt() {

		browser.manage().window().setSize(new Dimension(390, 844));
		final List<String> violations = new ArrayList<>();

		signIn("patient.maya");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		browser.findElement(By.linkText("Start today's session")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/session"));

		browser.findElement(By.cssSelector("input[name=painBefore][value='3']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("light"), "Fine to carry on"));
		violations.addAll(Accessibility.violations(browser));
		assertThat(browser.findElements(By.cssSelector("article.exercise"))).hasSizeGreaterThanOrEqualTo(5);

		browser.findElement(By.cssSelector("input[name=painAfter][value='6']")).click();
		browser.findElement(By.cssSelector("input[name=symptomShift][value=NONE]")).click();
		browser.findElement(By.cssSelector("input[name=effort][value=HARD]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Save my session']")).click();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/session/done"));
		assertThat(browser.findElement(By.className("same-day")).getText()).contains("Scale back for now",
				"do fewer repetitions");
		assertThat(browser.findElement(By.className("lead")).getText()).startsWith("Pain 3 before, 6 after.");
		violations.addAll(Accessibility.violations(browser));
		assertThat(violations).as("session pages").isEmpty();

		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/"));
		browser.manage().deleteAllCookies();
		browser.manage().window().maximize();
		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));

		// the caseload learns of the flare from the programs module's event, just after the session is saved
		waiting.ignoring(org.openqa.selenium.WebDriverException.class).until(driver -> {
			driver.navigate().refresh();
			return driver.findElements(By.xpath("//table[contains(@class,'caseload')]//tr[.//a[normalize-space()='Maya Okafor']]"))
					.stream().anyMatch(row -> row.getText().contains("Pain flare"));
		});
	}

	@Test
	void aPatientReadsTodaysLessonFromTheHomePageAndGetsNoOtherToday() {

		browser.manage().window().setSize(new Dimension(390, 844));
		final List<String> violations = new ArrayList<>();

		signIn("patient.maya");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		var card = browser.findElement(By.cssSelector("aside.lesson-today"));
		assertThat(card.findElement(By.tagName("h2")).getText()).isEqualTo("Today's lesson");
		var link = card.findElement(By.tagName("a"));
		var title = link.getText();
		assertThat(title).as("Maya read the first two lessons of her plan").isNotBlank();
		link.click();

		waiting.until(ExpectedConditions.urlContains("/portal/lessons/"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(title);
		assertThat(browser.findElement(By.cssSelector("article.lesson")).getText()).contains("Remember:",
				"Reviewed on");
		assertThat(browser.findElements(By.cssSelector("article.lesson > p"))).hasSizeGreaterThanOrEqualTo(4);
		violations.addAll(Accessibility.violations(browser));

		browser.findElement(By.linkText("Back to the lessons")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/lessons"));
		assertThat(browser.findElements(By.cssSelector("aside.lesson-today"))).as("one lesson a day").isEmpty();
		assertThat(browser.findElements(By.xpath("//ol[@class='lessons']/li[.//span[normalize-space()='read']]")))
				.as("the two read before and today's").hasSizeGreaterThanOrEqualTo(3);
		violations.addAll(Accessibility.violations(browser));
		assertThat(violations).as("lesson pages").isEmpty();

		browser.get(appUrl() + "/portal");
		assertThat(browser.findElements(By.cssSelector("aside.lesson-today"))).isEmpty();
		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/"));
	}

	@Test
	void aPatientSeesHerWeeksGoalAndChoosesRemindersOutsideHerQuietHours() {

		browser.manage().window().setSize(new Dimension(390, 844));
		final List<String> violations = new ArrayList<>();

		signIn("patient.maya");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		assertThat(browser.findElement(By.cssSelector(".habit")).getText()).containsPattern(
				"\\d+ of \\d+ exercise days this week");
		browser.findElement(By.cssSelector(".habit")).findElement(By.linkText("Exercise reminders")).click();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/reminders"));
		violations.addAll(Accessibility.violations(browser));
		assertThat(browser.findElements(By.id("push-device"))).as("no push keys in this run: no push offered").isEmpty();
		var enabled = browser.findElement(By.id("enabled"));
		if (!enabled.isSelected()) {
			enabled.click();
		}
		time("at", "22:00");
		browser.findElement(By.xpath("//button[normalize-space()='Save reminders']")).click();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("field-error")));
		assertThat(browser.findElement(By.className("field-error")).getText()).startsWith(
				"This time is in your quiet hours (9:00").contains("Choose another time");
		assertThat(browser.findElement(By.id("at")).getAttribute("aria-invalid")).isEqualTo("true");
		violations.addAll(Accessibility.violations(browser));

		time("at", "19:30");
		browser.findElement(By.xpath("//button[normalize-space()='Save reminders']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.className("flash"), "Your reminders are on."));
		assertThat(browser.findElement(By.id("at")).getAttribute("value")).isEqualTo("19:30");
		assertThat(browser.findElement(By.id("enabled")).isSelected()).isTrue();
		violations.addAll(Accessibility.violations(browser));
		assertThat(violations).as("portal and reminder pages").isEmpty();

		// off again, so no other test of this run meets a reminder email of Maya's
		browser.findElement(By.id("enabled")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Save reminders']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.className("flash"), "Your reminders are off."));
	}

	/** Sets a time field as a person would, whatever the browser's way of typing into one. */
	private void time(String id, String value) {
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
				browser.findElement(By.id(id)), value);
	}
}
