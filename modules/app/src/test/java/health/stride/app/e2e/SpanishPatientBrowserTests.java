package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;
import static org.assertj.core.api.SoftAssertions.*;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The patient flow of {@link IntakeBrowserTests} and {@link SessionBrowserTests} once more, in
 * Spanish chosen with the language switch: a new patient agrees, does the intake (with its field
 * errors) and waits for a care team; demo patient Owen does today's session. Each page is in
 * Spanish (the page's language, a text of the Spanish bundle, no text left from the English one)
 * and passes axe-core's WCAG 2.1 AA rules. The expected words are read from the bundles.
 */
class SpanishPatientBrowserTests extends BrowserTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final Locale SPANISH = Language.SPANISH.locale();

	@Autowired MessageSource messages;
	@Autowired PatientDirectory patients;

	final List<String> violations = new ArrayList<>();
	final List<String> english = new ArrayList<>();

	@BeforeEach
	void phoneSized() {
		browser.manage().window().setSize(new Dimension(390, 844));
	}

	@AfterEach
	void owenReadsEnglishAgain() {
		// other browser tests expect the demo patients in English
		CurrentTenant.runAs(NORTHSIDE, () -> patients.findByUsername("patient.owen")
				.ifPresent(owen -> patients.changeLanguage(owen.id(), Language.ENGLISH)));
	}

	@Test
	void aNewPatientAgreesAndCompletesTheIntakeInSpanish() throws Exception {

		var username = "patient.lucia" + UUID.randomUUID().toString().substring(0, 6);
		KeycloakAdmin.createMember(username, PASSWORD, "patient", "northside");
		var lucia = CurrentTenant.callAs(NORTHSIDE, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				username, "Lucía", "Ramos", LocalDate.of(1979, 6, 2), username + "@example.org", "+1 503 555 0142", "OR",
				"America/Los_Angeles")));

		signIn(username);
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		browser.findElement(By.cssSelector("form.language-switch button[value=es]")).click();

		waiting.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "es"));
		assertThat(browser.getCurrentUrl()).isEqualTo(appUrl() + "/portal");
		assertThat(CurrentTenant.callAs(NORTHSIDE, () -> patients.languageOf(lucia))).isEqualTo(Language.SPANISH);
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(spanish("app.portal.hello", "Lucía"));
		check("portal before consents", "app");

		browser.findElement(By.linkText(spanish("app.portal.consent.action"))).click();
		check("consents", "patients");
		submit();
		waiting.until(ExpectedConditions.numberOfElementsToBe(By.className("field-error"), 2));
		check("consents with errors", "patients");
		browser.findElement(By.name("agree-TELEHEALTH")).click();
		browser.findElement(By.name("agree-PRIVACY")).click();
		submit();

		waiting.until(ExpectedConditions.urlContains("/portal/intake"));
		check("intake step 1", "patients");
		submit();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("painNow-error")));
		check("intake step 1 with errors", "patients");
		browser.findElement(By.cssSelector("input[name=painRegions][value=low-back]")).click();
		browser.findElement(By.cssSelector("input[name=painNow][value='6']")).click();
		submit();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=painDuration]")));
		check("intake step 2", "patients");
		browser.findElement(By.cssSelector("input[name=painDuration][value=SUBACUTE]")).click();
		submit();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("goals")));
		browser.get(appUrl() + "/portal");
		assertThat(browser.findElement(By.className("next-step")).getText()).contains(spanish("app.portal.intake.resume", 3, 5));
		check("portal during the intake", "app");
		browser.findElement(By.linkText(spanish("app.portal.intake.continue"))).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("goals")));
		check("intake step 3", "patients");
		browser.findElement(By.cssSelector("input[name=diagnoses][value=sciatica]")).click();
		browser.findElement(By.id("goals")).sendKeys("Volver a bailar en las fiestas");
		submit();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("activity0")));
		check("intake step 4", "patients");
		browser.findElement(By.id("activity0")).sendKeys("Cargar a mi nieta");
		browser.findElement(By.id("score0")).sendKeys("4");
		submit();

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=radio][value=no]")));
		check("intake step 5", "patients");
		browser.findElements(By.cssSelector("input[type=radio][value=no]")).forEach(it -> it.click());
		submit();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/check-in"));
		check("mood check-in after the intake", "patients");
		browser.findElement(By.linkText(spanish("patients.screening.later"))).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		// the care team is assigned by a listener after the intake: the portal may already say so
		assertThat(browser.findElement(By.className("next-step")).getText())
				.containsAnyOf(spanish("app.portal.waiting.title"), spanish("app.portal.preparing.title"));
		check("portal after the intake", "app");

		browser.get(appUrl() + "/portal/access-log");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(spanish("app.access-log.heading"));
		check("who viewed my record", "app");

		assertSoftly(softly -> {
			softly.assertThat(english).as("English left on Spanish pages").isEmpty();
			softly.assertThat(violations).as("axe-core WCAG 2.1 AA violations").isEmpty();
		});
	}

	@Test
	void aPatientDoesTodaysSessionInSpanish() {

		signIn("patient.owen");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		browser.findElement(By.cssSelector("form.language-switch button[value=es]")).click();
		waiting.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "es"));
		check("portal with a plan", "app");

		browser.findElement(By.linkText(spanish("app.portal.ready.session"))).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/session"));
		browser.findElement(By.cssSelector("input[name=painBefore][value='3']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#light *")));
		check("session", "programs");

		browser.findElement(By.cssSelector("input[name=painAfter][value='3']")).click();
		browser.findElement(By.cssSelector("input[name=symptomShift][value=NONE]")).click();
		browser.findElement(By.cssSelector("input[name=effort][value=HARD]")).click();
		submit();

		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/session/done"));
		check("session done", "programs");

		assertSoftly(softly -> {
			softly.assertThat(english).as("English left on Spanish pages").isEmpty();
			softly.assertThat(violations).as("axe-core WCAG 2.1 AA violations").isEmpty();
		});
	}

	/**
	 * The page is in Spanish: its language says so, it shows some text of the Spanish bundle of the
	 * module that serves it, and no message of any English bundle that Spanish words differently.
	 */
	private void check(String page, String module) {

		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as(page).isEqualTo("es");
		var text = browser.findElement(By.tagName("body")).getText();
		if (sentences(module, "_es").stream().noneMatch(text::contains)) {
			english.add(page + " — no text from the Spanish bundle of " + module);
		}
		for (var sentence : englishOnly()) {
			if (text.contains(sentence)) {
				english.add(page + " — \"" + sentence + "\"");
			}
		}
		Accessibility.violations(browser).forEach(it -> violations.add(page + " — " + it));
	}

	private void submit() {
		browser.findElement(By.cssSelector("main button[type=submit]")).click();
	}

	private String spanish(String code, Object... arguments) {
		return messages.getMessage(code, arguments, SPANISH);
	}

	/** The English messages without arguments that the Spanish bundle words differently, of every module. */
	private Set<String> englishOnly() {
		var found = new TreeSet<String>();
		for (var module : List.of("platform", "eligibility", "patients", "programs", "messaging", "careteams", "app")) {
			var english = bundle(module, "");
			var spanish = bundle(module, "_es");
			english.stringPropertyNames().forEach(key -> {
				var text = messages.getMessage(key, null, Locale.ENGLISH);
				if (!text.contains("{") && text.length() >= 12 && !text.equals(spanish.getProperty(key))
						&& text.contains(" ")) {
					found.add(text);
				}
			});
		}
		return found;
	}

	/** The messages without arguments of a module's bundle, as pages show them. */
	private List<String> sentences(String module, String suffix) {
		var bundle = bundle(module, suffix);
		var locale = suffix.isEmpty() ? Locale.ENGLISH : SPANISH;
		return bundle.stringPropertyNames().stream().filter(key -> !bundle.getProperty(key).contains("{"))
				.map(key -> messages.getMessage(key, null, locale)).filter(text -> text.length() >= 4).toList();
	}

	private static Properties bundle(String module, String suffix) {
		var properties = new Properties();
		try {
			for (var resource : new PathMatchingResourcePatternResolver()
					.getResources("classpath*:i18n/" + module + "/messages" + suffix + ".properties")) {
				try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
					properties.load(reader);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return properties;
	}
}
