package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.nio.file.Files;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A clinic administrator uploads a roster from the browser and watches it import: the page
 * updates itself (htmx, under the strict Content-Security-Policy) until the counts appear.
 */
class RosterUploadBrowserTests extends BrowserTestSupport {

	@Test
	void uploadsARosterAndFollowsTheImportUntilItsCountsShow() throws Exception {

		var roster = Files.createTempFile("roster-", ".csv");
		Files.writeString(roster, IntStream.range(0, 60_000)
				.mapToObj(i -> "GLX-%05d,Member,Number%d,1980-01-01,,2025-01-01,".formatted(i, i))
				.collect(Collectors.joining("\n", "member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n",
						"\nGLX-BAD,Bad,Date,1980-02-30,,2025-01-01,\n")));

		signIn("admin.nora");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin"));

		browser.get(appUrl() + "/admin/sponsors");
		browser.findElement(By.id("code")).sendKeys("GLOBEX");
		browser.findElement(By.id("name")).sendKeys("Globex Corporation");
		browser.findElement(By.xpath("//button[normalize-space()='Add sponsor']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin/sponsors/GLOBEX"));
		assertThat(browser.findElement(By.className("flash")).getText()).contains("Globex Corporation was added.");

		browser.findElement(By.linkText("Upload a roster")).click();
		browser.findElement(By.cssSelector("input[type=file]")).sendKeys(roster.toAbsolutePath().toString());
		browser.findElement(By.xpath("//button[normalize-space()='Upload and import']")).click();

		waiting.until(ExpectedConditions.urlContains("/sponsors/GLOBEX/imports/"));
		assertThat(browser.findElement(By.id("import-progress")).getText()).as("60,000 lines take a while")
				.containsAnyOf("is being imported", "is waiting to be imported");
		((JavascriptExecutor) browser).executeScript("window.notReloaded = true");

		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-progress"), "was imported."));

		assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true"))
				.as("the progress updated in place, without a reload").isEqualTo(true);
		var progress = browser.findElement(By.id("import-progress")).getText();
		assertThat(progress).contains("60000", "members added", "lines rejected");
		assertThat(browser.findElement(By.tagName("progress")).getDomAttribute("value")).isEqualTo("100");
		assertThat(browser.findElement(By.linkText("Download the error report (CSV)")).isDisplayed()).isTrue();
	}
}
