package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.internal.Caseloads;
import health.stride.patients.Aggravator;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.Diagnosis;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * pt.alex discharges a patient from the chart (a form that explains what happens, with friendly
 * errors), lands on the printable discharge summary, and no longer finds the patient on the
 * caseload; the patient then finds a read-only portal and a closed thread. Every page passes axe.
 */
class DischargeBrowserTests extends BrowserTestSupport {

	private static final TenantId NORTHSIDE = TenantId.of("northside");

	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired ClinicianManagement clinicians;
	@Autowired Consents consents;
	@Autowired Intakes intakes;
	@Autowired Caseloads caseloads;

	@Test
	void theTherapistDischargesFromTheChartAndThePatientsPortalTurnsReadOnly() throws Exception {

		var username = "patient.dora." + UUID.randomUUID().toString().substring(0, 8);
		KeycloakAdmin.createMember(username, PASSWORD, "patient", "northside");
		var dora = CurrentTenant.callAs(NORTHSIDE, () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), username, "Dora", "Quist",
					LocalDate.of(1975, 2, 3), username + "@example.org", null, "WA", "America/Los_Angeles"));
			var alex = clinicians.findByUsername("pt.alex").orElseThrow();
			careTeams.assign(id, new CareTeam.Member(alex.id().id(), alex.username(), alex.displayName()), null);
			for (var document : ConsentDocument.values()) {
				consents.accept(id, document, consents.currentVersion(document));
			}
			intakes.submit(id, new IntakeAnswers(Set.of(PainRegion.LOW_BACK), 5, PainDuration.SUBACUTE,
					Set.of(Aggravator.SITTING), Set.of(Diagnosis.SCIATICA), "Garden again",
					List.of(new PsfsItem("Gardening", 4)), Set.of()));
			return id;
		});
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> onCaseload(dora));

		var violations = new ArrayList<String>();
		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.get(appUrl() + "/patients/" + dora.id());
		browser.findElement(By.partialLinkText("Discharge")).click();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/patients/" + dora.id() + "/discharge"));
		assertThat(browser.findElement(By.className("lead")).getText()).contains("portal becomes read-only");
		violations.addAll(Accessibility.violations(browser));
		var submit = By.xpath("//button[normalize-space()='Discharge Dora and end this episode of care']");
		browser.findElement(submit).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("reason-error")));
		assertThat(browser.findElement(By.id("reason-error")).getText()).isEqualTo("Choose why the episode of care ends.");
		assertThat(browser.findElement(By.id("summary-error")).getText()).isEqualTo("Write a short discharge summary.");
		violations.addAll(Accessibility.violations(browser));

		browser.findElement(By.cssSelector("input[name=reason][value=GOALS_MET]")).click();
		browser.findElement(By.id("summary")).sendKeys("Gardens for an hour without pain; keeps up the exercises.");
		browser.findElement(submit).click();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/patients/" + dora.id() + "/episodes/1"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Discharge summary: Dora Quist, episode 1");
		assertThat(browser.findElement(By.className("discharge-summary")).getText()).contains("Goals met",
				"Gardens for an hour without pain", "pt.alex", "Pain (0–10)");
		assertThat(browser.findElement(By.xpath("//button[normalize-space()='Print this summary']")).getDomAttribute("data-print"))
				.isNotNull();
		violations.addAll(Accessibility.violations(browser));

		// the caseload learns of the discharge from the patients module's event, just after it is saved
		browser.get(appUrl() + "/caseload");
		waiting.until(driver -> {
			driver.navigate().refresh();
			return !driver.findElement(By.tagName("main")).getText().contains("Dora Quist");
		});

		browser.get(appUrl() + "/patients/" + dora.id());
		assertThat(browser.findElement(By.xpath("//button[normalize-space()='Reactivate: open a new episode of care']")))
				.isNotNull();
		violations.addAll(Accessibility.violations(browser));

		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/"));
		browser.manage().deleteAllCookies();
		signIn(username);
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		assertThat(browser.findElement(By.className("next-step")).getText()).contains("Your episode of care has ended",
				"This episode of care ended on");
		assertThat(browser.findElements(By.cssSelector("a[href$='/portal/session'], a[href$='/portal/walk'],"
				+ " a[href$='/portal/symptoms/new']"))).isEmpty();
		violations.addAll(Accessibility.violations(browser));

		browser.get(appUrl() + "/portal/messages");
		waiting.until(driver -> !driver.findElements(By.className("warning")).isEmpty());
		assertThat(browser.findElement(By.className("warning")).getText()).contains("cannot send new messages");
		assertThat(browser.findElements(By.id("body"))).as("no message box").isEmpty();
		violations.addAll(Accessibility.violations(browser));

		assertThat(violations).as("discharge pages").isEmpty();
	}

	private boolean onCaseload(PatientId patient) {
		return CurrentTenant.callAs(NORTHSIDE, () -> caseloads.of("pt.alex", new Caseloads.Filter(null, null, "Dora"), 0, 50))
				.content().stream().anyMatch(it -> it.patient().equals(patient));
	}
}
