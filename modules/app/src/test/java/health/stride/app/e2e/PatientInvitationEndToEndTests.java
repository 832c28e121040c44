package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientId;
import health.stride.patients.PatientInvitations;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinic's own patients, with the real Keycloak, mail server and browser: a northside therapist
 * invites a self-pay patient, who chooses a password from Keycloak's email, signs in, agrees, does
 * the intake and is the inviting therapist's patient, who assigns a plan. An administrator invites
 * from a file, all or none. The invitation pages pass axe-core's WCAG 2.1 AA rules.
 */
class PatientInvitationEndToEndTests extends BrowserTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final Pattern ACTION_LINK = Pattern.compile("(http://localhost:\\d+/realms/stride/login-actions/action-token\\?key=[^\\s\"<>]+)");

	@Autowired PatientInvitations invitations;
	@Autowired CareTeams careTeams;

	final List<String> violations = new ArrayList<>();

	@Test
	void aTherapistInvitesASelfPayPatientWhoSetsAPasswordCompletesTheIntakeAndGetsAPlanFromThem() throws Exception {

		var tag = UUID.randomUUID().toString().substring(0, 8);
		var email = "nora." + tag + "@patients.example";
		var lastName = "Reyes";

		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.findElement(By.linkText("Invite a patient")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/patients/invitations/new"));
		check("invite form");

		browser.findElement(By.xpath("//button[normalize-space()='Invite the patient']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.className("field-error")));
		assertThat(browser.findElements(By.className("field-error"))).extracting(it -> it.getText())
				.contains("Fill in this field.", "Enter the date of birth.");
		check("invite form with errors");

		browser.findElement(By.name("firstName")).sendKeys("Nora");
		browser.findElement(By.name("lastName")).sendKeys(lastName);
		// a date field takes the date as the browser's locale writes it; set its value directly
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
				"document.querySelector('input[name=dateOfBirth]').value = '1979-05-02'");
		browser.findElement(By.name("email")).sendKeys(email);
		new Select(browser.findElement(By.name("state"))).selectByValue("OR");
		browser.findElement(By.name("referralSource")).sendKeys("Dr. Chen, Harbor Spine");
		browser.findElement(By.cssSelector("input[name=payment][value=SELF_PAY]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Invite the patient']")).click();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/patients/invitations/sent"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("The patient is invited");
		check("invitation sent");
		var patient = CurrentTenant.callAs(NORTHSIDE,
				() -> invitations.existing(email, "Nora", lastName, LocalDate.of(1979, 5, 2))).orElseThrow();

		// inviting the same person again offers the record there is
		browser.get(appUrl() + "/patients/invitations/new");
		browser.findElement(By.name("firstName")).sendKeys("NORA");
		browser.findElement(By.name("lastName")).sendKeys(lastName.toLowerCase());
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
				"document.querySelector('input[name=dateOfBirth]').value = '1979-05-02'");
		browser.findElement(By.name("email")).sendKeys("another." + email);
		new Select(browser.findElement(By.name("state"))).selectByValue("OR");
		browser.findElement(By.xpath("//button[normalize-space()='Invite the patient']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.linkText("Open the existing record")));
		assertThat(browser.findElement(By.linkText("Open the existing record")).getAttribute("href"))
				.endsWith("/patients/" + patient.id());
		check("invite form offering the existing record");
		assertThat(KeycloakAdmin.usersNamed("another." + email)).isZero();

		// the patient, in a browser of their own, chooses a password from Keycloak's email
		assertThat(KeycloakAdmin.passwordsOf(email)).as("nobody but the patient sets a password").isZero();
		var link = TestMail.awaitMatch(email, ACTION_LINK).group(1).replace("&amp;", "&");
		freshBrowser();
		browser.get(link);
		if (browser.findElements(By.id("password-new")).isEmpty()) {
			browser.findElement(By.partialLinkText("Click here to proceed")).click();
		}
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
		browser.findElement(By.id("password-new")).sendKeys("walks-the-dog-2030");
		browser.findElement(By.id("password-confirm")).sendKeys("walks-the-dog-2030");
		browser.findElement(By.cssSelector("[type=submit]")).click();
		waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("password-new")));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> KeycloakAdmin.passwordsOf(email) == 1);

		browser.get(appUrl() + "/oauth2/authorization/keycloak");
		signInAtKeycloak(email, "walks-the-dog-2030");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));

		agreeAndCompleteIntake();

		var team = Awaitility.await().atMost(Duration.ofSeconds(20))
				.until(() -> CurrentTenant.callAs(NORTHSIDE, () -> careTeams.of(patient)), java.util.Optional::isPresent)
				.orElseThrow();
		assertThat(team.therapist()).extracting(CareTeam.Member::username).isEqualTo("pt.alex");

		// the inviting therapist assigns the plan from the chart
		freshBrowser();
		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		browser.get(appUrl() + "/patients/" + patient.id());
		new Select(browser.findElement(By.id("template"))).selectByVisibleText("Back pain flare: gentle mobility");
		browser.findElement(By.xpath("//button[normalize-space()='Assign']")).click();
		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.className("flash"), "Plan assigned"));

		assertThat(violations).as("axe-core WCAG 2.1 AA violations").isEmpty();
	}

	@Test
	void anAdministratorInvitesAWholeFileOrNothingAndIsToldWhichLinesToCorrect() throws Exception {

		var tag = UUID.randomUUID().toString().substring(0, 8);
		signIn("admin.nora");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin"));
		browser.findElement(By.linkText("Invite patients from a file")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/admin/invitations"));
		check("upload form");

		var header = "first_name,last_name,date_of_birth,email,state,phone,referral_source,payment,payer_name,payer_member_id,sponsor_code\n";
		var malformed = upload(header
				+ "Ada,Moss,1980-02-30,ada." + tag + "@patients.example,WA,,,SELF_PAY,,,\n"
				+ "Ben,Ode,1975-03-04,ben." + tag + "@patients.example,WA,,,INSURANCE,,,\n"
				+ "Cy,Vale,1990-07-08,BEN." + tag + "@patients.example,WA,,,SELF_PAY,,,\n"
				+ "Dee,Rao,1991-01-01,dee." + tag + "@patients.example,WA,,,SELF_PAY,,,\n");
		assertThat(malformed).as("the line errors of a malformed file").contains("Nothing was created")
				.contains("Write the date of birth as YYYY-MM-DD.");
		check("upload with line errors");
		assertThat(KeycloakAdmin.usersNamed("dee." + tag + "@patients.example")).as("not even the good lines").isZero();

		// with the dates right, the invitations' own checks name the lines left
		var stillWrong = upload(header
				+ "Ada,Moss,1980-02-28,ada." + tag + "@patients.example,WA,,,SELF_PAY,,,\n"
				+ "Ben,Ode,1975-03-04,ben." + tag + "@patients.example,WA,,,INSURANCE,,,\n"
				+ "Cy,Vale,1990-07-08,ADA." + tag + "@patients.example,WA,,,SELF_PAY,,,\n");
		assertThat(rows()).extracting(it -> it.get(0) + " " + it.get(1))
				.containsExactly("3 payer_name", "4 email");
		assertThat(stillWrong).contains("This person is on line 2 of the file already.");
		assertThat(KeycloakAdmin.usersNamed("ada." + tag + "@patients.example")).isZero();

		var done = upload(header
				+ "Ada,Moss,1980-02-28,ada." + tag + "@patients.example,WA,,Dr. Chen,SELF_PAY,,,\n"
				+ "\"Ben\",\"O'Dell, Jr\",1975-03-04,ben." + tag + "@patients.example,or,+1 503 555 0100,,INSURANCE,Moda Health,M-77,\n");
		assertThat(done).contains("2 patients were invited");
		TestMail.awaitMatch("ada." + tag + "@patients.example", ACTION_LINK);
		TestMail.awaitMatch("ben." + tag + "@patients.example", ACTION_LINK);
		assertThat(CurrentTenant.callAs(NORTHSIDE, () -> invitations.existing("ben." + tag + "@patients.example", "x",
				"y", LocalDate.of(2000, 1, 1)))).isPresent();

		assertThat(violations).as("axe-core WCAG 2.1 AA violations").isEmpty();
	}

	/** Uploads the text as a file and answers the page's text. */
	private String upload(String csv) throws Exception {
		var file = Files.createTempFile("invitations", ".csv");
		Files.writeString(file, csv);
		browser.get(appUrl() + "/admin/invitations");
		browser.findElement(By.name("file")).sendKeys(file.toAbsolutePath().toString());
		browser.findElement(By.xpath("//button[normalize-space()='Upload and invite']")).click();
		waiting.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.className("flash")),
				ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice table"))));
		return browser.findElement(By.tagName("main")).getText();
	}

	private List<List<String>> rows() {
		return browser.findElements(By.cssSelector(".notice tbody tr")).stream()
				.map(row -> row.findElements(By.tagName("td")).stream().map(it -> it.getText()).toList()).toList();
	}

	private void check(String page) {
		Accessibility.violations(browser).forEach(it -> violations.add(page + " — " + it));
	}
}
