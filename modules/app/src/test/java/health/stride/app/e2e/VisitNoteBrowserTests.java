package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.ClinicianManagement;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * pt.alex writes the note of a visit that started a few minutes ago: saves a draft and signs it in
 * the panel (htmx swaps it in place), is told which section is missing, then adds an addendum. The
 * draft, the refused signature and the signed note pass axe-core's WCAG 2.1 AA rules.
 */
class VisitNoteBrowserTests extends BrowserTestSupport {

	private static final TenantId NORTHSIDE = TenantId.of("northside");

	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired ClinicianManagement clinicians;
	@Autowired JdbcClient jdbc;
	@Autowired PlatformTransactionManager transactions;

	@Test
	void theTherapistDraftsSignsAndAddsAnAddendumInThePanel() {

		var visit = UUID.randomUUID();
		CurrentTenant.runAs(NORTHSIDE, () -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			var alex = clinicians.findByUsername("pt.alex").orElseThrow();
			var patient = patients.register(new NewPatient(UUID.randomUUID().toString(),
					"patient.nell." + UUID.randomUUID().toString().substring(0, 8), "Nell", "Ames", LocalDate.of(1980, 6, 1),
					"nell." + UUID.randomUUID() + "@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(patient, new CareTeam.Member(alex.id().id(), alex.username(), alex.displayName()), null);
			// held already (so it takes no time from the demo's booked visits), started five minutes ago
			var startsAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
			jdbc.sql("""
					insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
					                          booked_by, booked_at)
					values (?, ?, ?, 'follow-up', ?, ?, ?, 'COMPLETED', 'pt.alex', ?)""")
					.params(visit, patient.id(), alex.id().id(), Timestamp.from(startsAt),
							Timestamp.from(startsAt.plusSeconds(1800)), Timestamp.from(startsAt.plusSeconds(1800)),
							Timestamp.from(startsAt.minus(Duration.ofDays(1))))
					.update();
		}));

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.get(appUrl() + "/visits/" + visit + "/note");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Visit note");
		assertThat(browser.findElement(By.id("note-minutes")).getAttribute("value")).isEqualTo("30");
		assertThat(Accessibility.violations(browser)).as("the draft").isEmpty();

		browser.findElement(By.id("note-subjective")).sendKeys("Knee stiff in the morning, 3/10.");
		browser.findElement(By.id("note-objective")).sendKeys("Squat to 90 degrees without pain.");
		browser.findElement(By.xpath("//button[normalize-space()='Save the draft']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#visit-note .flash"),
				"The draft was saved."));
		assertThat(browser.getCurrentUrl()).as("htmx swapped the panel in place").endsWith("/visits/" + visit + "/note");

		browser.findElement(By.xpath("//button[normalize-space()='Sign the note']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("note-assessment-error")));
		assertThat(browser.findElement(By.id("note-assessment-error")).getText()).isEqualTo("Fill this in before signing.");
		assertThat(browser.findElement(By.id("note-subjective")).getAttribute("value"))
				.isEqualTo("Knee stiff in the morning, 3/10.");
		assertThat(Accessibility.violations(browser)).as("the refused signature").isEmpty();

		browser.findElement(By.id("note-assessment")).sendKeys("Improving.");
		browser.findElement(By.id("note-plan")).sendKeys("Add step-ups; next visit in two weeks.");
		browser.findElement(By.xpath("//button[normalize-space()='Sign the note']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#visit-note .flash"),
				"The note was signed and the visit is completed."));
		assertThat(browser.findElement(By.id("visit-note")).getText()).contains("Signed by pt.alex", "Minutes: 30",
				"Add step-ups; next visit in two weeks.");
		assertThat(browser.findElements(By.id("note-subjective"))).as("no longer a form").isEmpty();

		browser.findElement(By.id("note-addendum")).sendKeys("Patient called: the step-ups went well.");
		browser.findElement(By.xpath("//button[normalize-space()='Sign and add']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#visit-note .flash"),
				"The addendum was signed and added."));
		assertThat(browser.findElement(By.className("visit-note-addenda")).getText())
				.contains("Patient called: the step-ups went well.");
		assertThat(Accessibility.violations(browser)).as("the signed note").isEmpty();
	}
}
