package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demo therapist makes a calendar feed, copies its address, a calendar app (a plain HTTP client
 * without a session) reads it, and the therapist revokes it. The page passes axe-core's WCAG 2.1 AA
 * rules before and after. The feed is revoked at the end, so the demo clinic stays as it was.
 */
class CalendarFeedBrowserTests extends BrowserTestSupport {

	@Test
	void aTherapistMakesAFeedACalendarAppReadsAndRevokesIt() throws Exception {

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.get(appUrl() + "/schedule/calendar-feed");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your calendar feed");
		assertThat(Accessibility.violations(browser)).as("calendar feed page").isEmpty();

		browser.findElement(By.xpath("//button[starts-with(normalize-space(), 'Make a')]")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("feed-url")));
		var url = browser.findElement(By.id("feed-url")).getDomProperty("value");
		assertThat(url).startsWith(appUrl() + "/calendar/").endsWith(".ics");
		assertThat(Accessibility.violations(browser)).as("calendar feed page with the new address").isEmpty();

		var http = HttpClient.newHttpClient();
		var feed = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(feed.statusCode()).isEqualTo(200);
		assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(it -> assertThat(it).startsWith("text/calendar"));
		assertThat(feed.body()).startsWith("BEGIN:VCALENDAR");

		browser.findElement(By.xpath("//button[normalize-space()='Revoke the feed']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("flash")));
		assertThat(browser.findElements(By.id("feed-url"))).as("the address is not shown again").isEmpty();
		assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(404);
	}
}
