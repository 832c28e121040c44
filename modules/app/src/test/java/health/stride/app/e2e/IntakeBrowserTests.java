package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A demo patient on a phone-sized screen agrees to the consents, fills in the five intake steps and
 * is told to wait for their care team; then reports a new symptom and is sent to an emergency
 * department. Every page on the way passes axe-core's WCAG 2.1 AA rules.
 */
class IntakeBrowserTests extends BrowserTestSupport {

	final List<String> violations = new ArrayList<>();
	int pagesChecked;

	@BeforeEach
	void phoneSized() {
		browser.manage().window().setSize(new Dimension(390, 844));
	}

	@Test
	void aPatientConsentsCompletesTheIntakeAndLaterReportsAnEmergencySymptom() {

		signIn("patient.leo");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		check("portal before consents");

		browser.findElement(By.linkText("Read and agree")).click();
		check("consents");
		submit();
		waiting.until(ExpectedConditions.numberOfElementsToBe(By.className("field-error"), 2));
		check("consents with errors");
		browser.findElement(By.name("agree-TELEHEALTH")).click();
		browser.findElement(By.name("agree-PRIVACY")).click();
		submit();

		waiting.until(ExpectedConditions.urlContains("/portal/intake"));
		assertThat(browser.findElement(By.className("lead")).getText()).isEqualTo("Step 1 of 5: Where it hurts");
		check("intake step 1");
		submit();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("painNow-error")));
		assertThat(browser.findElements(By.className("field-error"))).extracting(it -> it.getText())
				.contains("Choose at least one place where it hurts.", "Rate your pain right now from 0 to 10.");
		check("intake step 1 with errors");
		browser.findElement(By.cssSelector("input[name=painRegions][value=low-back]")).click();
		browser.findElement(By.cssSelector("input[name=painRegions][value=right-leg]")).click();
		browser.findElement(By.cssSelector("input[name=painNow][value='6']")).click();
		submit();

		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 2 of 5: How long, and what makes it worse"));
		check("intake step 2");
		browser.findElement(By.cssSelector("input[name=painDuration][value=SUBACUTE]")).click();
		browser.findElement(By.cssSelector("input[name=worseWith][value=sitting]")).click();
		submit();

		// leaving mid-way and coming back resumes at the step reached
		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 3 of 5: Diagnoses and goals"));
		browser.get(appUrl() + "/portal");
		assertThat(browser.findElement(By.className("next-step")).getText()).contains("You are on step 3 of 5");
		browser.findElement(By.linkText("Continue my intake")).click();
		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 3 of 5: Diagnoses and goals"));
		check("intake step 3");
		browser.findElement(By.cssSelector("input[name=diagnoses][value=sciatica]")).click();
		browser.findElement(By.id("goals")).sendKeys("Play a full round of golf again");
		submit();

		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 4 of 5: Activities that are hard"));
		check("intake step 4");
		browser.findElement(By.id("activity0")).sendKeys("Swinging a golf club");
		submit();
		// an activity without its score comes back with the line's own error, the activity kept
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("fieldset.psfs .field-error"),
				"Rate how well you can do it from 0 (not at all) to 10 (as before)."));
		assertThat(browser.findElement(By.id("activity0")).getAttribute("value")).isEqualTo("Swinging a golf club");
		check("intake step 4 with an error");
		browser.findElement(By.id("score0")).sendKeys("3");
		submit();

		waiting.until(ExpectedConditions.textToBe(By.className("lead"), "Step 5 of 5: Warning signs"));
		check("intake step 5");
		browser.findElements(By.cssSelector("input[type=radio][value=no]")).forEach(it -> it.click());
		submit();

		// the intake ends with the mood check-in, which the patient may put off
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/check-in"));
		check("mood check-in after the intake");
		browser.findElement(By.linkText("Not now")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		// the care team's listener may have assigned a therapist before the portal reloads
		assertThat(browser.findElement(By.className("next-step")).getText())
				.containsAnyOf("Waiting for your care team", "Your exercise plan is being prepared");
		check("portal after the intake");

		browser.findElement(By.linkText("Report a new symptom")).click();
		check("report a symptom");
		browser.findElement(By.cssSelector("input[name=symptom][value=bowelBladder]")).click();
		submit();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/urgent"));
		assertThat(browser.findElement(By.className("urgent")).getText()).contains("Go to an emergency department now")
				.contains("New loss of control of your bladder or bowels");
		check("urgent guidance");

		browser.get(appUrl() + "/portal/access-log");
		check("who viewed my record");

		assertThat(pagesChecked).isEqualTo(15);
		assertThat(violations).as("axe-core WCAG 2.1 AA violations").isEmpty();
	}

	/**
	 * The mood check-in a demo patient is asked for after the intake: a positive PHQ-2 leads straight
	 * to the PHQ-9, and an answer other than "not at all" to its self-harm question shows the 988
	 * Suicide & Crisis Lifeline and 911 at once, and keeps them on the portal home.
	 */
	@Test
	void aPatientWhoGivesAnUrgentPhq9AnswerSeesTheCrisisLinesAtOnce() {

		signIn("patient.ivy");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		assertThat(browser.findElement(By.className("check-in")).getText()).contains("A short check-in is due");
		check("portal with a check-in due");

		browser.findElement(By.linkText("Start the check-in")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/check-in"));
		assertThat(browser.findElement(By.cssSelector("main")).getText())
				.contains("Over the last 2 weeks, how often have you been bothered by any of the following problems?")
				.contains("Little interest or pleasure in doing things", "Feeling down, depressed, or hopeless");
		check("PHQ-2");
		submit();
		waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("fieldset .field-error"), 2));
		check("PHQ-2 with errors");
		answer(1, 2);
		answer(2, 1);
		submit();

		// 3 or more: the PHQ-9 at once
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.name("item9")));
		assertThat(browser.findElement(By.cssSelector("main")).getText())
				.contains("Thoughts that you would be better off dead or of hurting yourself in some way");
		check("PHQ-9");
		for (int item = 1; item <= 9; item++) {
			answer(item, item == 1 ? 2 : item == 2 || item == 9 ? 1 : 0);
		}
		submit();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/check-in/support"));
		assertThat(browser.findElement(By.cssSelector(".crisis[role=alert]")).getText())
				.contains("988 Suicide & Crisis Lifeline", "Call 988", "Text 988", "call 911");
		assertThat(browser.findElement(By.cssSelector("a[href='tel:988']")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Your care team has been told");
		check("crisis lines");

		browser.get(appUrl() + "/portal");
		assertThat(browser.findElement(By.className("crisis-lines")).getText()).contains("988", "911");
		check("portal after an urgent answer");

		assertThat(pagesChecked).isEqualTo(6);
		assertThat(violations).as("axe-core WCAG 2.1 AA violations").isEmpty();
	}

	private void answer(int item, int choice) {
		browser.findElement(By.cssSelector("input[name=item" + item + "][value='" + choice + "']")).click();
	}

	private void check(String page) {
		pagesChecked++;
		Accessibility.violations(browser).forEach(it -> violations.add(page + " — " + it));
	}

	private void submit() {
		browser.findElement(By.cssSelector("main button[type=submit]")).click();
	}

}
