package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientInvitations;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinic starts on Stride and brings its own patient, with nothing but the real Keycloak, mail
 * server and browser: the platform administrator creates the clinic, its administrator sets up
 * their account from the email, invites a therapist and a self-pay patient; the patient sets a
 * password from their email, agrees, does the intake, is the new therapist's patient and gets a
 * plan. A second clinic created the same way sees none of it.
 */
class NewClinicEndToEndTests extends BrowserTestSupport {

	@Autowired PatientInvitations invitations;
	@Autowired PatientDirectory directory;
	@Autowired CareTeams careTeams;

	@Test
	void aNewClinicInvitesATherapistAndASelfPayPatientWhoGetsAPlanAndASecondNewClinicSeesNoneOfIt() throws Exception {

		var tag = UUID.randomUUID().toString().substring(0, 8);
		var clinic = TenantId.of("cove-" + tag);
		var admin = "lead@cove-" + tag + ".example";
		var therapist = "pt.cove" + tag;
		var patientEmail = "june." + tag + "@patients.example";

		var operator = ClinicsApi.token("root.ops", PASSWORD);
		assertThat(ClinicsApi.post("/api/clinics", operator, ClinicsApi.clinicBody("Cove Physio " + tag, clinic.value(),
				"America/Los_Angeles", "\"WA\"", admin)).statusCode()).isEqualTo(201);

		// the administrator sets a password and an authenticator app from the email, then signs in
		var secret = completeEmailedActions(link(admin), "cove-lead-2030");
		assertThat(secret).as("an administrator sets up an authenticator app").isNotNull();
		freshBrowser();
		signInWithAuthenticator(admin, "cove-lead-2030", secret);
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin"));

		// … invites a therapist licensed in Washington …
		fillClinicianInvitation("Rae", "Cove", therapist, therapist + "@cove.example", "THERAPIST");
		browser.findElement(By.name("licenseState")).sendKeys("WA");
		browser.findElement(By.name("licenseNumber")).sendKeys("PT 9" + tag.substring(0, 4));
		((JavascriptExecutor) browser).executeScript(
				"document.querySelector('input[name=licenseExpires]').value = '2031-06-30'");
		browser.findElement(By.xpath("//button[normalize-space()='Invite']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("flash")));

		// … and a self-pay patient in Washington
		browser.get(appUrl() + "/patients/invitations/new");
		browser.findElement(By.name("firstName")).sendKeys("June");
		browser.findElement(By.name("lastName")).sendKeys("Alder");
		((JavascriptExecutor) browser).executeScript(
				"document.querySelector('input[name=dateOfBirth]').value = '1984-09-14'");
		browser.findElement(By.name("email")).sendKeys(patientEmail);
		new Select(browser.findElement(By.name("state"))).selectByValue("WA");
		browser.findElement(By.cssSelector("input[name=payment][value=SELF_PAY]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Invite the patient']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/patients/invitations/sent"));
		var patient = CurrentTenant.callAs(clinic,
				() -> invitations.existing(patientEmail, "June", "Alder", java.time.LocalDate.of(1984, 9, 14))).orElseThrow();

		// the therapist chooses a password from their email
		freshBrowser();
		completeEmailedActions(link(therapist + "@cove.example"), "cove-therapist-2030");

		// the patient chooses one from theirs, signs in, agrees and does the intake
		freshBrowser();
		completeEmailedActions(link(patientEmail), "june-walks-2030");
		browser.get(appUrl() + "/oauth2/authorization/keycloak");
		signInAtKeycloak(patientEmail, "june-walks-2030");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		agreeAndCompleteIntake();

		var team = Awaitility.await().atMost(Duration.ofSeconds(20))
				.until(() -> CurrentTenant.callAs(clinic, () -> careTeams.of(patient)), java.util.Optional::isPresent)
				.orElseThrow();
		assertThat(team.therapist()).extracting(CareTeam.Member::username).isEqualTo(therapist);

		// the therapist assigns a plan from the templates the new clinic was given
		freshBrowser();
		browser.get(appUrl() + "/oauth2/authorization/keycloak");
		signInAtKeycloak(therapist, "cove-therapist-2030");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.get(appUrl() + "/patients/" + patient.id());
		new Select(browser.findElement(By.id("template"))).selectByVisibleText("Back pain flare: gentle mobility");
		browser.findElement(By.xpath("//button[normalize-space()='Assign']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.className("flash"), "Plan assigned"));

		// a second new clinic, created the same way, sees none of it
		var other = TenantId.of("bay-" + tag);
		var otherAdmin = "lead@bay-" + tag + ".example";
		assertThat(ClinicsApi.post("/api/clinics", operator, ClinicsApi.clinicBody("Bay Physio " + tag, other.value(),
				"America/Los_Angeles", "\"WA\"", otherAdmin)).statusCode()).isEqualTo(201);
		freshBrowser();
		var otherSecret = completeEmailedActions(link(otherAdmin), "bay-lead-2030");
		freshBrowser();
		signInWithAuthenticator(otherAdmin, "bay-lead-2030", otherSecret);
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin"));

		browser.get(appUrl() + "/patients/" + patient.id());
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("We couldn't find that page");
		assertThat(browser.getPageSource()).doesNotContain("Alder");
		browser.get(appUrl() + "/admin/clinicians");
		assertThat(browser.getPageSource()).doesNotContain(therapist).doesNotContain("Rae Cove");
		assertThat(CurrentTenant.callAs(other, () -> directory.find(patient))).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> directory.find(patient))).isPresent();
	}

	private static String link(String email) {
		return TestMail.awaitMatch(email, ClinicianInviteEndToEndTests.ACTION_LINK).group(1).replace("&amp;", "&");
	}
}
