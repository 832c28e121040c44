package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import health.stride.patients.PatientDirectory;
import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * pt.alex assigns the flare template to Grace, who has spinal stenosis, swaps Prone Press Up for the
 * alternative the warning suggests, makes Pelvic Tilt 2×10 and saves; Grace then sees her tailored
 * plan. Each change is made in place by htmx. The tailoring page passes axe-core's WCAG 2.1 AA rules.
 * From the same page pt.alex prints Owen's home program handout and emails him that it is ready; he
 * follows the email's link, signs in and downloads it from his plan page.
 */
class TailoringBrowserTests extends BrowserTestSupport {

	@Autowired PatientDirectory patients;

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

	@Test
	void theTherapistPrintsAndEmailsTheHandoutAndThePatientDownloadsItAfterSigningIn() throws Exception {

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		// Owen, on the flare plan, reads English (another test has him read Spanish)
		var owen = CurrentTenant.callAs(TenantId.of("northside"), () -> patients.findByUsername("patient.owen"))
				.orElseThrow().id();
		CurrentTenant.runAs(TenantId.of("northside"), () -> patients.changeLanguage(owen, Language.ENGLISH));
		browser.get(appUrl() + "/patients/" + owen + "/plan/edit");
		WebElement print;
		try {
			print = waiting.until(ExpectedConditions.elementToBeClickable(By.linkText("Print handout (PDF)")));
		} catch (org.openqa.selenium.TimeoutException missing) {
			throw new AssertionError("No handout link at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), missing);
		}
		assertThat(Accessibility.violations(browser)).as("plan page with the handout buttons").isEmpty();
		assertPdf(fetch(print.getAttribute("href")));

		browser.findElement(By.xpath("//button[normalize-space()='Email to patient']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.className("flash"), "Email sent"));
		var link = TestMail.awaitMatch(OWEN_EMAIL,
				Pattern.compile("home exercise program ready for you\\.\\s+Sign in to download it: (\\S+)")).group(1);
		assertThat(link).isEqualTo(appUrl() + "/portal/plan");
		var email = TestMail.to(OWEN_EMAIL).stream().filter(it -> TestMail.text(it).contains(link)).findFirst().orElseThrow();
		assertThat(plainText(email)).as("no attachment, no picture: one plain text").isTrue();
		assertThat(TestMail.text(email)).as("nothing about her care")
				.doesNotContain("Pelvic Tilt", "Knee Hug", "Knee Rocking", "Back Extension", "Press Up", "Owen", "Price");

		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/"));
		browser.manage().deleteAllCookies();
		browser.get(link);
		signInAtKeycloak("patient.owen");
		waiting.until(ExpectedConditions.urlContains("/portal"));
		browser.get(link);
		var download = waiting.until(ExpectedConditions.elementToBeClickable(By.linkText("Download my plan to print (PDF)")));
		assertThat(Accessibility.violations(browser)).as("the patient's plan page").isEmpty();
		assertPdf(fetch(download.getAttribute("href")));
	}

	private static final String OWEN_EMAIL = "patient.owen@example.org";

	/** Fetches the link with the browser's own cookies: status, type, disposition, first bytes, size. */
	@SuppressWarnings("unchecked")
	private List<Object> fetch(String href) {
		return (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0], { credentials: 'same-origin' })
				  .then(r => r.arrayBuffer().then(b => done([r.status, r.headers.get('Content-Type'),
				        r.headers.get('Content-Disposition'), String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5))),
				        b.byteLength])))
				  .catch(e => done(['failed: ' + e]));""", href);
	}

	private static void assertPdf(List<Object> response) {
		assertThat(response).hasSize(5);
		assertThat(response.get(0)).isEqualTo(200L);
		assertThat(response.get(1)).isEqualTo("application/pdf");
		assertThat(response.get(2)).isEqualTo("attachment; filename=\"home-program.pdf\"");
		assertThat(response.get(3)).isEqualTo("%PDF-");
		assertThat(((Number) response.get(4)).longValue()).isGreaterThan(10_000L);
	}

	private static boolean plainText(jakarta.mail.internet.MimeMessage message) throws Exception {
		try {
			return message.getContent() instanceof String && message.isMimeType("text/plain");
		} catch (MessagingException unreadable) {
			return false;
		}
	}

	/** The exercise's line on the tailoring page (the last one of that name: phases repeat exercises). */
	private WebElement line(String name) {
		return waiting.ignoring(StaleElementReferenceException.class).until(driver -> {
			var lines = driver.findElements(By.xpath("//li[contains(@class,'line')][h3[normalize-space()='" + name + "']]"));
			return lines.isEmpty() ? null : lines.get(lines.size() - 1);
		});
	}
}
