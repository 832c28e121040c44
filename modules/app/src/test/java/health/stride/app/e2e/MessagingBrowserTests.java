package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two browsers at once: pt.alex keeps the inbox open while patient Maya writes; the message shows
 * in the inbox within two seconds, without a reload. Alex answers, and the caseload's
 * "Unanswered message" reason goes away. The messaging pages pass axe-core's WCAG 2.1 AA rules.
 */
class MessagingBrowserTests extends BrowserTestSupport {

	@Test
	void thePatientWritesTheOpenInboxShowsItAndTheAnswerClearsTheReason() throws Exception {

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.get(appUrl() + "/messages");
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("inbox")));
		((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");
		var unreadBefore = waiting.ignoring(WebDriverException.class).until(driver -> unread(driver));
		assertThat(Accessibility.violations(browser)).as("inbox").isEmpty();

		var patient = Browsers.lease();
		try {
			var patientWaiting = new WebDriverWait(patient, Duration.ofSeconds(30), Browsers.POLL);
			signIn(patient, patientWaiting, "patient.maya");
			patientWaiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
			patient.get(appUrl() + "/portal/messages");
			patientWaiting.until(ExpectedConditions.presenceOfElementLocated(By.id("body")));
			patientWaiting.ignoring(WebDriverException.class)
					.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "is your physical therapist"));
			assertThat(Accessibility.violations(patient)).as("the patient's thread").isEmpty();

			var text = "Can I swim instead of walking on Friday? " + System.nanoTime();
			patient.findElement(By.id("body")).sendKeys(text);
			patient.findElement(By.xpath("//button[normalize-space()='Send']")).click();
			var sent = System.nanoTime();
			patientWaiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), text));

			// the inbox swaps its list every second, so an element read in between may be gone: read again
			new WebDriverWait(browser, Duration.ofSeconds(2), Browsers.POLL).ignoring(WebDriverException.class)
					.until(driver -> unread(driver) == unreadBefore + 1);
			var seconds = (System.nanoTime() - sent) / 1e9;
			assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;"))
					.as("shown without a reload").isEqualTo(true);
			assertThat(seconds).isLessThan(2.0);

			browser.findElement(By.linkText("Maya Okafor")).click();
			waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), text));
			assertThat(Accessibility.violations(browser)).as("the clinician's thread").isEmpty();
			browser.findElement(By.id("body")).sendKeys("Yes: swimming counts. Keep it easy and stop if your leg tingles.");
			browser.findElement(By.xpath("//button[normalize-space()='Send']")).click();
			waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "swimming counts"));

			// the patient's open thread shows the answer without a reload
			patientWaiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "swimming counts"));
		} finally {
			Browsers.release(patient);
		}

		browser.get(appUrl() + "/caseload");
		waiting.ignoring(org.openqa.selenium.WebDriverException.class).until(driver -> {
			driver.navigate().refresh();
			return driver.findElements(By.xpath("//table[contains(@class,'caseload')]//tr[.//a[normalize-space()='Maya Okafor']]"))
					.stream().noneMatch(row -> row.getText().contains("Unanswered message"));
		});
	}

	/** How many of Maya's messages the inbox shows as unread. */
	private static int unread(WebDriver driver) {
		var row = driver.findElement(By.xpath("//tr[.//a[normalize-space()='Maya Okafor']]")).getText();
		var count = java.util.regex.Pattern.compile("(\\d+) unread").matcher(row);
		return count.find() ? Integer.parseInt(count.group(1)) : 0;
	}

	/** Keycloak's sign-in on a second browser. */
	private void signIn(WebDriver driver, WebDriverWait wait, String username) {
		driver.get(appUrl() + "/oauth2/authorization/keycloak");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		driver.findElement(By.id("username")).sendKeys(username);
		if (driver.findElements(By.id("password")).isEmpty()) {
			driver.findElement(By.id("kc-login")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
		}
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		driver.findElement(By.id("kc-login")).click();
	}
}
