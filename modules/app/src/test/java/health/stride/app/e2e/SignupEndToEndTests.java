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
import java.util.regex.Pattern;

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
 * A rostered member checks their coverage, signs up, opens the link emailed to them (read from the
 * tests' mail server), signs in and lands on the portal with a patient record. Signing up answers
 * alike whether or not the member has an account; when Keycloak cannot finish the account,
 * nothing is left behind and the check stays used.
 */
class SignupEndToEndTests extends EndToEndTestSupport {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final Pattern LINK = Pattern.compile("(http://localhost:\\d+/c/northside/signup/confirm\\?token=[A-Za-z0-9_-]{43})");

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
			Browsers.release(browser);
		}
	}

	@Test
	void checksCoverageSignsUpFollowsTheEmailedLinkSignsInAndLandsOnThePortal() throws Exception {

		browser = Browsers.lease();
		var waiting = new WebDriverWait(browser, Duration.ofSeconds(20), Browsers.POLL);
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

		waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Check your email"));
		assertThat(KeycloakAdmin.userState(username).enabled()).as("no sign-in before the link is opened").isFalse();
		assertThat(CurrentTenant.callAs(NORTHSIDE, () -> patients.findByUsername(username))).isEmpty();

		// the roster has an address for Leo: the link goes there, not to the address typed in
		var link = TestMail.awaitMatch("leo.fischer@mail.example", LINK).group(1);
		assertThat(TestMail.to(username + "@mail.example")).isEmpty();

		browser.get(link);
		browser.findElement(By.xpath("//button[normalize-space()='Finish creating my account']")).click();
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
		assertThat(KeycloakAdmin.userState(username).emailVerified()).isTrue();

		browser.get(link);
		assertThat(browser.findElement(By.tagName("h1")).getText()).as("the link works once").isEqualTo("This link can't be used");
	}

	@Test
	void answersASignupAlikeWhetherOrNotTheMemberHasAnAccount() throws Exception {

		var member = aMemberOnANewRoster();

		var first = signUp("northside", checkCoverage("northside", member.sponsor(), "Zoe", "Quill", "1977-07-07", "Q1"),
				"zoe." + UUID.randomUUID().toString().substring(0, 6));
		var link = TestMail.awaitMatch(member.email(), LINK).group(1);
		assertThat(confirmAsABrowserWould(link).headers().firstValue("Location")).as("confirmed")
				.hasValueSatisfying(it -> assertThat(it).endsWith("/c/northside/welcome"));

		var again = signUp("northside", checkCoverage("northside", member.sponsor(), "Zoe", "Quill", "1977-07-07", "Q1"),
				"zoe." + UUID.randomUUID().toString().substring(0, 6));

		assertThat(again.statusCode()).isEqualTo(first.statusCode()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(first.body());
		var told = TestMail.awaitMatch(member.email(), Pattern.compile("you already have an account"));
		assertThat(told).isNotNull();
		assertThat(TestMail.to(member.email())).allSatisfy(mail -> assertThat(TestMail.text(mail))
				.doesNotContain("Quill", "1977", "Q1", member.sponsor()));
	}

	@Test
	void answersATakenUsernameOrAddressWithOneNeutralMessage() throws Exception {

		var check = checkCoverage("northside", "ACME", "Maya", "Okafor", "1986-04-12", "ACME-000001");
		var taken = signUp("northside", check, "patient.maya");
		assertThat(taken.statusCode()).isEqualTo(409);
		assertThat(json.readTree(taken.body()).get("detail").asString()).isEqualTo(
				health.stride.platform.identity.Accounts.AccountConflict.MESSAGE);

		// Maya's roster address belongs to her account already: she is told by email, the screen says the usual
		var username = "maya." + UUID.randomUUID().toString().substring(0, 6);
		var answered = signUp("northside", check, username);
		assertThat(answered.statusCode()).isEqualTo(202);
		assertThat(KeycloakAdmin.usersNamed(username)).isZero();
		TestMail.awaitMatch("patient.maya@northside.example", Pattern.compile("you already have an account"));

		assertThat(signUp("northside", check, username + "x").statusCode()).as("a check is used once").isEqualTo(400);
	}

	@Test
	void leavesNoAccountBehindWhenKeycloakCannotFinishItAndTheCheckStaysUsed() throws Exception {

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

		var failed = signUp(clinic.value(), check, username);

		assertThat(failed.statusCode()).isEqualTo(503);
		assertThat(KeycloakAdmin.usersNamed(username)).as("no account left in Keycloak").isZero();
		assertThat(signUp(clinic.value(), check, username).statusCode())
				.as("the check was used up all the same: a retry needs a new check").isEqualTo(400);
	}

	record RosterMember(String sponsor, String email) {}

	/** A sponsor of Northside with one member, Zoe Quill, whose roster address nobody uses yet. */
	RosterMember aMemberOnANewRoster() {

		var code = "E" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		var email = "zoe-" + UUID.randomUUID().toString().substring(0, 8) + "@mail.example";
		CurrentTenant.runAs(NORTHSIDE, () -> {
			var sponsor = sponsors.register(SponsorCode.of(code), "Quill Works", SponsorKind.EMPLOYER, null, null);
			var id = rosters.submit(sponsor, "r.csv", new ByteArrayInputStream(
					("member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\nQ1,Zoe,Quill,1977-07-07,"
							+ email + ",2025-01-01,\n").getBytes(StandardCharsets.UTF_8)), "t");
			Awaitility.await().atMost(Duration.ofSeconds(20))
					.until(() -> CurrentTenant.callAs(NORTHSIDE, () -> rosters.report(id)).orElseThrow().status().finished());
		});
		return new RosterMember(code, email);
	}

	/** Opens the emailed link and presses its button, with the page's cookie and CSRF token. */
	HttpResponse<String> confirmAsABrowserWould(String link) throws Exception {

		var browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		var page = browser.send(HttpRequest.newBuilder(URI.create(link)).build(), BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).as(page.body()).isTrue();

		var token = link.substring(link.indexOf("token=") + 6);
		return browser.send(HttpRequest.newBuilder(URI.create(appUrl() + "/c/northside/signup/confirm"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString("token=" + token + "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1),
						StandardCharsets.UTF_8))).build(), BodyHandlers.ofString());
	}

	@SuppressWarnings("unchecked")
	String checkCoverage(String clinic, String sponsor, String first, String last, String birth,
			String memberId) throws Exception {

		var response = post("/api/coverage-checks", Map.of("clinic", clinic, "sponsorCode", sponsor, "firstName", first,
				"lastName", last, "dateOfBirth", birth, "memberId", memberId));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

		var answer = (Map<String, Object>) json.readValue(response.body(), Map.class);
		assertThat(answer.get("eligible")).as(response.body()).isEqualTo(true);
		return (String) answer.get("checkId");
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
