package health.stride.app.web;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The language of a page: the switch in this session, else a signed-in patient's profile, else the
 * browser's {@code Accept-Language} as far as Stride has it, else English; and the API's problems
 * in the reader's language.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LanguageTests {

	static final Locale SPANISH = Language.SPANISH.locale();

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired MessageSource messages;

	String clinic;
	String username;
	PatientId patient;
	String address = "127.8." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);

	@BeforeEach
	void aPatient() {
		clinic = clinics.register(TenantId.of("lang-" + UUID.randomUUID()), "Riverside Physio").tenant().value();
		username = "patient." + UUID.randomUUID();
		patient = CurrentTenant.callAs(TenantId.of(clinic), () -> patients.register(new NewPatient(
				UUID.randomUUID().toString(), username, "Lucía", "Ramos", LocalDate.of(1979, 6, 2), "lucia@example.org",
				"+1 206 555 0199", "WA", "America/Los_Angeles")));
	}

	@Test
	void aVisitorReadsTheFirstLanguageOfTheirBrowserThatStrideHasElseEnglish() throws Exception {

		mvc.perform(get("/").header("Accept-Language", "es-MX,es;q=0.9,en;q=0.5"))
				.andExpect(content().string(allOf(containsString("<html lang=\"es\""),
						containsString(text("app.landing.heading", SPANISH)))));

		mvc.perform(get("/").header("Accept-Language", "fr-FR,es;q=0.8"))
				.andExpect(content().string(containsString(text("app.landing.heading", SPANISH))));

		mvc.perform(get("/").header("Accept-Language", "fr-FR,de;q=0.8"))
				.andExpect(content().string(allOf(containsString("<html lang=\"en\""),
						containsString(text("app.landing.heading", Locale.ENGLISH)))));
	}

	@Test
	void aPatientsProfileLanguageBeatsTheBrowsersLanguage() throws Exception {

		CurrentTenant.runAs(TenantId.of(clinic), () -> patients.changeLanguage(patient, Language.SPANISH));

		mvc.perform(get("/portal").header("Accept-Language", "en-US").with(asThePatient()))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("<html lang=\"es\""),
						containsString(text("app.portal.hello", SPANISH, "Lucía")))));

		CurrentTenant.runAs(TenantId.of(clinic), () -> patients.changeLanguage(patient, Language.ENGLISH));

		mvc.perform(get("/portal").header("Accept-Language", "es-MX").with(asThePatient()))
				.andExpect(content().string(containsString(text("app.portal.hello", Locale.ENGLISH, "Lucía"))));
	}

	@Test
	void theSwitchBeatsTheProfileForTheSessionAndBecomesThePatientsProfileLanguage() throws Exception {

		var session = new MockHttpSession();

		mvc.perform(get("/portal").session(session).with(asThePatient()))
				.andExpect(content().string(containsString(text("app.portal.hello", Locale.ENGLISH, "Lucía"))));

		mvc.perform(post("/language").session(session).with(asThePatient()).with(csrf())
				.param("language", "es").param("return", "/portal"))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/portal"));

		mvc.perform(get("/portal").session(session).header("Accept-Language", "en").with(asThePatient()))
				.andExpect(content().string(containsString(text("app.portal.hello", SPANISH, "Lucía"))));
		assertThat(CurrentTenant.callAs(TenantId.of(clinic), () -> patients.languageOf(patient)))
				.isEqualTo(Language.SPANISH);

		// a new session (another device) starts from the profile
		mvc.perform(get("/portal").with(asThePatient()))
				.andExpect(content().string(containsString(text("app.portal.hello", SPANISH, "Lucía"))));
	}

	@Test
	void aVisitorsSwitchLastsTheirSessionWithoutAnAccount() throws Exception {

		var session = new MockHttpSession();

		mvc.perform(post("/language").session(session).with(csrf()).param("language", "es").param("return", "/"))
				.andExpect(redirectedUrl("/"));

		mvc.perform(get("/").session(session).header("Accept-Language", "en"))
				.andExpect(content().string(containsString(text("app.landing.heading", SPANISH))));
	}

	@Test
	void theSwitchNeedsTheFormsCsrfToken() throws Exception {
		mvc.perform(post("/language").param("language", "es").param("return", "/")).andExpect(status().isForbidden());
	}

	@Test
	void aReturnAddressOffStrideGoesHome() throws Exception {

		for (var foreign : List.of("https://evil.example/", "//evil.example/portal", "/\\evil.example", "evil.example",
				"javascript:alert(1)", "/%0d%0aLocation: x", "")) {
			mvc.perform(post("/language").with(csrf()).param("language", "es").param("return", foreign))
					.andExpect(redirectedUrl("/"));
		}

		mvc.perform(post("/language").with(csrf()).param("language", "es").param("return", "/c/north/signup?x=1"))
				.andExpect(redirectedUrl("/c/north/signup?x=1"));
	}

	@Test
	void publicPagesShowTheSwitchBackToThePageItIsOn() throws Exception {

		mvc.perform(get("/"))
				.andExpect(content().string(allOf(containsString("action=\"/language\""),
						containsString("name=\"return\" value=\"/\""), containsString("value=\"es\""),
						containsString(text("platform.language.switch.es", Locale.ENGLISH)))));

		mvc.perform(get("/c/" + clinic + "/check-coverage").header("Accept-Language", "es"))
				.andExpect(content().string(allOf(containsString("action=\"/language\""),
						containsString("name=\"return\" value=\"/c/" + clinic + "/check-coverage\""),
						containsString("value=\"en\""))));
	}

	@Test
	void theApiAnswersProblemsInTheReadersLanguage() throws Exception {

		mvc.perform(post("/api/coverage-checks").with(this::fromAddress).header("Accept-Language", "es-MX")
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"clinic": "%s", "sponsorCode": "\\u0000", "firstName": "Lucía", "lastName": "Ramos",
						 "dateOfBirth": "1979-06-02", "memberId": "A1", "email": "lucia@example.org"}""".formatted(clinic)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value(raw("app.problem.invalid", SPANISH)))
				.andExpect(jsonPath("$.errors[0].field").value("sponsorCode"))
				.andExpect(jsonPath("$.errors[0].message").value(raw("app.problem.text.control-character", SPANISH)));

		mvc.perform(post("/api/coverage-checks").with(this::fromAddress).header("Accept-Language", "es")
				.contentType(MediaType.APPLICATION_JSON))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value(raw("app.problem.no-body", SPANISH)));

		mvc.perform(get("/api/me").header("Accept-Language", "es"))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.detail").value(raw("app.problem.unauthorized", SPANISH)));

		assertThat(raw("app.problem.invalid", SPANISH)).isNotEqualTo(raw("app.problem.invalid", Locale.ENGLISH));
	}

	@Test
	void onlyAPathOnStrideIsAPlaceToReturnTo() {
		assertThat(LanguageSwitch.returnTo("/portal/intake?step=2")).isEqualTo("/portal/intake?step=2");
		assertThat(LanguageSwitch.returnTo("https://evil.example")).isEqualTo("/");
		assertThat(LanguageSwitch.returnTo("//evil.example")).isEqualTo("/");
		assertThat(LanguageSwitch.returnTo("/\\evil.example")).isEqualTo("/");
		assertThat(LanguageSwitch.returnTo(null)).isEqualTo("/");
	}

	private org.springframework.test.web.servlet.request.RequestPostProcessor asThePatient() {
		return Tokens.browser(username, List.of(clinic), "patient");
	}

	private MockHttpServletRequest fromAddress(MockHttpServletRequest request) {
		request.setRemoteAddr(address);
		return request;
	}

	/** The bundle's text as a page shows it (escaped). */
	private String text(String code, Locale locale, Object... arguments) {
		return org.springframework.web.util.HtmlUtils.htmlEscape(raw(code, locale, arguments), "UTF-8");
	}

	private String raw(String code, Locale locale, Object... arguments) {
		return messages.getMessage(code, arguments, locale);
	}
}
