package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * pt.alex opens the agenda on a phone-sized screen from the navigation, finds the demo patient's
 * visit on the next working day in the week view and opens her chart from it. The agenda passes
 * axe-core's WCAG 2.1 AA rules in both views.
 */
class ScheduleBrowserTests extends BrowserTestSupport {

	@Test
	void theTherapistFindsTheDemoVisitOnTheAgendaAndOpensTheChart() {

		browser.manage().window().setSize(new Dimension(390, 844));
		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.findElement(By.linkText("Schedule")).click();
		waiting.until(ExpectedConditions.urlContains("/schedule"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Schedule");
		assertThat(Accessibility.violations(browser)).as("day").isEmpty();

		var day = nextWorkingDay(LocalDate.now(ZoneId.of("America/Los_Angeles")).plusDays(1));
		browser.get(appUrl() + "/schedule?view=week&date=" + day);
		var visit = waiting.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//li[contains(@class,'schedule-visit') and contains(@class,'visit-booked')][.//a[normalize-space()='Maya Okafor']]")));
		assertThat(visit.getText()).contains("Follow-up", "Booked");
		assertThat(Accessibility.violations(browser)).as("week").isEmpty();

		visit.findElement(By.linkText("Maya Okafor")).click();
		waiting.until(ExpectedConditions.urlContains("/patients/"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Maya Okafor");
		assertThat(browser.findElement(By.className("facts")).getText()).contains("Next visit", "Alex Morgan, PT");
	}

	private static LocalDate nextWorkingDay(LocalDate day) {
		var date = day;
		while (date.getDayOfWeek().getValue() > 5) {
			date = date.plusDays(1);
		}
		return date;
	}
}
