package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rostered member checks their coverage, signs up (the account is created in Keycloak), signs in
 * and lands on the portal with a patient record; and when Keycloak cannot finish the account,
 * nothing is left behind and the check can be used again.
 */
class SignupEndToEndTests extends EndToEndTestSupport {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final TenantId NORTHSIDE = TenantId.of("northside");

	@Autowired SponsorManagement sponsors;
	@Autowired RosterImports rosters;
	@Autowired PatientDirectory patients;
	@Autowired ClinicRegistry clinics;
	@Autowired JsonMapper json;

	WebDriver browser;

	@BeforeEach
	void theDemoRosterIsImported() {
		var acme = CurrentTenant.callAs(NORTHSIDE, () -> sponsors.find(SponsorCode.of("ACME"))).orElseThrow();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> CurrentTenant.callAs(NORTHSIDE,
				() -> rosters.latest(acme.id(), 1)).stream().anyMatch(it -> it.status().finished()));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void checksCoverageSignsUpSignsInAndLandsOnThePortal() throws Exception {

		browser = Browsers.chromium();
		var waiting = new WebDriverWait(browser, Duration.ofSeconds(20));
		var username = "leo." + UUID.randomUUID().toString().substring(0, 6);

		browser.get(appUrl() + "/c/northside/check-coverage");
		browser.findElement(By.id("sponsorCode")).sendKeys("acme");
		browser.findElement(By.id("firstName")).sendKeys("Leo");
		browser.findElement(By.id("lastName")).sendKeys("fischer");
		((JavascriptExecutor) browser).executeScript("arguments[0].value = '1979-09-30'",
				browser.findElement(By.id("dateOfBirth")));
		browser.findElement(By.id("memberId")).sendKeys("ACME-000002");
		browser.findElement(By.xpath("//button[normalize-space()='Check my coverage']")).click();

		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"covered by Acme Logistics"));
		browser.findElement(By.linkText("Create your account")).click();

		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("email")).sendKeys(username + "@mail.example");
		browser.findElement(By.id("password")).sendKeys("walk-daily-42");
		new Select(browser.findElement(By.id("state"))).selectByValue("OR");
		new Select(browser.findElement(By.id("timeZone"))).selectByValue("America/Los_Angeles");
		browser.findElement(By.xpath("//button[normalize-space()='Create my account']")).click();

		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Your account is ready"));
		browser.findElement(By.linkText("Sign in")).click();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		browser.findElement(By.id("username")).sendKeys(username);
		if (browser.findElements(By.id("password")).isEmpty()) {
			browser.findElement(By.id("kc-login")).click();
			waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
		}
		browser.findElement(By.id("password")).sendKeys("walk-daily-42");
		browser.findElement(By.id("kc-login")).click();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Leo");

		var patient = Awaitility.await().atMost(Duration.ofSeconds(20))
				.until(() -> CurrentTenant.callAs(NORTHSIDE, () -> patients.findByUsername(username)), it -> it.isPresent())
				.orElseThrow();
		assertThat(patient.lastName()).isEqualTo("Fischer");
		assertThat(patient.state()).isEqualTo("OR");
	}

	@Test
	void signsUpThroughTheApiAndRefusesATakenUsername() throws Exception {

		var check = checkCoverage("northside", "ACME", "Maya", "Okafor", "1986-04-12", "ACME-000001");
		assertThat(check.get("eligible")).isEqualTo(true);

		var taken = signUp("northside", (String) check.get("checkId"), "patient.maya");
		assertThat(taken.statusCode()).isEqualTo(409);

		var username = "maya." + UUID.randomUUID().toString().substring(0, 6);
		var created = signUp("northside", (String) check.get("checkId"), username);
		assertThat(created.statusCode()).isEqualTo(201);
		var patientId = (String) json.readValue(created.body(), Map.class).get("patientId");

		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				CurrentTenant.callAs(NORTHSIDE, () -> patients.findByUsername(username)))
				.hasValueSatisfying(it -> assertThat(it.id().toString()).isEqualTo(patientId)));

		assertThat(signUp("northside", (String) check.get("checkId"), username + "x").statusCode())
				.as("a check is used once").isEqualTo(400);
	}

	@Test
	void leavesNoAccountBehindWhenKeycloakCannotFinishIt() throws Exception {

		// a clinic Stride knows but Keycloak has no organization for: the membership step fails
		var clinic = clinics.register(TenantId.of("nokc-" + UUID.randomUUID().toString().substring(0, 8)), "Unlinked")
				.tenant();
		CurrentTenant.runAs(clinic, () -> {
			var sponsor = sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null);
			var id = rosters.submit(sponsor, "r.csv", new ByteArrayInputStream(
					"member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\nZ1,Zed,Zimmer,1970-01-01,,2025-01-01,\n"
							.getBytes(StandardCharsets.UTF_8)), "t");
			Awaitility.await().atMost(Duration.ofSeconds(20))
					.until(() -> CurrentTenant.callAs(clinic, () -> rosters.report(id)).orElseThrow().status().finished());
		});

		var check = checkCoverage(clinic.value(), "ACME", "Zed", "Zimmer", "1970-01-01", "Z1");
		var username = "zed." + UUID.randomUUID().toString().substring(0, 6);

		var failed = signUp(clinic.value(), (String) check.get("checkId"), username);

		assertThat(failed.statusCode()).isEqualTo(503);
		assertThat(KeycloakAdmin.usersNamed(username)).as("no account left in Keycloak").isZero();
		assertThat(signUp(clinic.value(), (String) check.get("checkId"), username).statusCode())
				.as("the check was not used up, so the member can retry").isEqualTo(503);
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> checkCoverage(String clinic, String sponsor, String first, String last, String birth,
			String memberId) throws Exception {

		var response = post("/api/coverage-checks", Map.of("clinic", clinic, "sponsorCode", sponsor, "firstName", first,
				"lastName", last, "dateOfBirth", birth, "memberId", memberId));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

		return json.readValue(response.body(), Map.class);
	}

	HttpResponse<String> signUp(String clinic, String checkId, String username) throws Exception {
		return post("/api/signups", Map.of("clinic", clinic, "checkId", checkId, "username", username, "email",
				username + "@mail.example", "password", "walk-daily-42", "state", "WA", "timeZone", "America/Los_Angeles"));
	}

	HttpResponse<String> post(String path, Map<String, ?> body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(appUrl() + path))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(json.writeValueAsString(body))).build(), BodyHandlers.ofString());
	}
}
