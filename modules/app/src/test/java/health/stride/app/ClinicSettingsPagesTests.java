package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import health.stride.app.security.Tokens;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicLogo;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The clinic administrator's settings page: the profile, the logo and new versions of the consent texts. */
@SpringBootTest
@AutoConfigureMockMvc
class ClinicSettingsPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired Consents consents;

	TenantId clinic;
	RequestPostProcessor admin;

	@BeforeEach
	void aClinicAndItsAdministrator() {
		clinic = clinics.register(TenantId.of("settings-" + UUID.randomUUID()), "North").tenant();
		admin = Tokens.browser("admin.nora", List.of(clinic.value()), "clinic-admin");
	}

	@Test
	void savesTheClinicsSettingsAndShowsThemAgain() throws Exception {

		mvc.perform(get("/admin/settings").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Clinic settings"), containsString("value=\"30\""),
						containsString("America/Los_Angeles"), containsString("No logo yet"))));

		mvc.perform(valid("name", " Northside Physio "))
				.andExpect(redirectedUrl("/admin/settings"))
				.andExpect(flash().attribute("flash", "The clinic settings were saved."));

		assertThat(clinics.find(clinic)).hasValueSatisfying(it -> {
			assertThat(it.name()).isEqualTo("Northside Physio");
			assertThat(it.timeZone()).isEqualTo(ZoneId.of("America/Denver"));
			assertThat(it.states()).containsExactly("OR", "WA");
			assertThat(it.supportPhone()).hasValue("+1 (206) 555-0142");
			assertThat(it.supportEmail()).hasValue("help@northside.example");
			assertThat(it.coverageGracePeriod()).isEqualTo(Duration.ofDays(14));
		});
		mvc.perform(get("/admin/settings").with(admin))
				.andExpect(content().string(allOf(containsString("value=\"Northside Physio\""), containsString("value=\"14\""),
						containsString("help@northside.example"))));
	}

	@Test
	void explainsEveryWrongFieldAndSavesNothing() throws Exception {

		mvc.perform(post("/admin/settings").with(admin).with(csrf())
				.param("name", " ").param("timeZone", "Mars/Olympus_Mons").param("states", "WA", "ZZ")
				.param("supportPhone", "call me maybe").param("supportEmail", "not-an-email").param("coverageGraceDays", "366"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Nothing was saved"),
						containsString("Enter the clinic"), containsString("Choose a time zone from the list."),
						containsString("ZZ is not a US state code."), containsString("Enter a phone number of 7 to 25 digits"),
						containsString("Enter a valid email address."), containsString("from 0 to 365"))));

		mvc.perform(post("/admin/settings").with(admin).with(csrf())
				.param("name", "x".repeat(201)).param("timeZone", "").param("coverageGraceDays", "thirty"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Keep the name under 200 characters."),
						containsString("time zone."), containsString("Choose at least one state the clinic serves."),
						containsString("from 0 to 365"))));

		// one wrong field among good ones: none of the good ones is stored either
		mvc.perform(valid("coverageGraceDays", "-1"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("from 0 to 365")));
		mvc.perform(valid("supportEmail", "x".repeat(250) + "@a.example"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Enter a valid email address.")));

		assertThat(clinics.find(clinic)).hasValueSatisfying(it -> {
			assertThat(it.name()).isEqualTo("North");
			assertThat(it.states()).isEmpty();
			assertThat(it.supportPhone()).isEmpty();
			assertThat(it.coverageGracePeriod()).isEqualTo(Duration.ofDays(30));
		});
	}

	@Test
	void takesAPngLogoAndServesItToTheClinicsMembersInTheHeader() throws Exception {

		var png = png(120, 40);
		mvc.perform(multipart("/admin/settings/logo").file(new MockMultipartFile("logo", "logo.png", "image/png", png))
				.with(admin).with(csrf()))
				.andExpect(redirectedUrl("/admin/settings"))
				.andExpect(flash().attribute("flash", "The logo was saved."));

		for (var member : List.of(admin, Tokens.browser("pt.alex", List.of(clinic.value()), "therapist"),
				Tokens.browser("patient.maya", List.of(clinic.value()), "patient"))) {
			mvc.perform(get("/clinic/logo").with(member))
					.andExpect(status().isOk())
					.andExpect(content().contentType(MediaType.IMAGE_PNG))
					.andExpect(header().string("X-Content-Type-Options", "nosniff"))
					.andExpect(content().bytes(png));
		}
		mvc.perform(get("/admin/settings").with(admin))
				.andExpect(content().string(allOf(containsString("class=\"clinic-logo\" src=\"/clinic/logo\""), containsString("alt=\"North\""),
						containsString("Remove the logo"))));

		var lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant();
		mvc.perform(get("/clinic/logo").with(Tokens.browser("pt.jordan", List.of(lake.value()), "therapist")))
				.andExpect(status().isNotFound());

		mvc.perform(post("/admin/settings/logo/removal").with(admin).with(csrf()))
				.andExpect(redirectedUrl("/admin/settings"));
		assertThat(clinics.logo(clinic)).isEmpty();
		mvc.perform(get("/clinic/logo").with(admin)).andExpect(status().isNotFound());
		mvc.perform(get("/admin/settings").with(admin))
				.andExpect(content().string(not(containsString("class=\"clinic-logo\""))));
	}

	@Test
	void servesAnSvgLogoUnderAPolicyThatLetsNothingRun() throws Exception {

		var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\"/></svg>";
		mvc.perform(multipart("/admin/settings/logo")
				.file(new MockMultipartFile("logo", "logo.svg", "text/plain", svg.getBytes(StandardCharsets.UTF_8)))
				.with(admin).with(csrf()))
				.andExpect(redirectedUrl("/admin/settings"));

		mvc.perform(get("/clinic/logo").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().contentType("image/svg+xml"))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andExpect(header().string("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox"));
	}

	@Test
	void refusesUnsafeDisguisedOrOversizedLogosAndKeepsTheOneBefore() throws Exception {

		var before = png(10, 10);
		CurrentTenant.runAs(clinic, () -> clinics.changeLogo(clinic, new ClinicLogo(before, ClinicLogo.PNG)));

		var oversized = new byte[ClinicLogo.MAX_BYTES + 1];
		System.arraycopy(before, 0, oversized, 0, before.length);
		var refusals = List.of(
				refusal("logo.svg", "image/svg+xml", svg("<script>alert(1)</script>"), "holds scripts"),
				refusal("logo.svg", "image/svg+xml", svg("<circle r=\"1\" onload=\"alert(1)\"/>"), "holds scripts"),
				refusal("logo.svg", "image/svg+xml", svg("<image href=\"https://evil.example/p.png\"/>"), "holds scripts"),
				refusal("logo.svg", "image/svg+xml", ("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
						+ "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>").getBytes(StandardCharsets.UTF_8),
						"is not an SVG picture"),
				refusal("logo.svg", "image/svg+xml", png(10, 10), "is not what its name says"),
				refusal("logo.png", "image/png", "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8),
						"is not what its name says"),
				refusal("logo.png", "image/png", oversized, "at most 200 KB"),
				refusal("logo.exe", "image/png", before, "must be a PNG or SVG file"));

		for (var refusal : refusals) {
			mvc.perform(multipart("/admin/settings/logo")
					.file(new MockMultipartFile("logo", refusal.name(), refusal.type(), refusal.bytes()))
					.with(admin).with(csrf()))
					.andExpect(status().isOk())
					.andExpect(content().string(allOf(containsString(refusal.message()), containsString("id=\"logo-error\""))));
			assertThat(clinics.logo(clinic)).as(refusal.name() + ": " + refusal.message())
					.hasValueSatisfying(it -> assertThat(it.bytes()).isEqualTo(before));
		}
		mvc.perform(multipart("/admin/settings/logo").with(admin).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose a PNG or SVG file for the logo.")));
	}

	@Test
	void sendsAPatientToTheNewVersionOfAConsentUntilTheyAgreeToIt() throws Exception {

		var maya = CurrentTenant.callAs(clinic, () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", null, "WA", "America/Los_Angeles"));
			for (var document : ConsentDocument.values()) {
				consents.accept(id, document, consents.currentVersion(document));
			}
			return id;
		});
		var page = Tokens.browser("patient.maya", List.of(clinic.value()), "patient");
		var api = Tokens.bearer("patient.maya", List.of(clinic.value()), "patient");

		assertNotSentToConsents(mvc.perform(get("/portal/progress").with(page)).andReturn().getResponse().getHeader("Location"));

		mvc.perform(post("/admin/settings/consents/privacy").with(admin).with(csrf()).param("english", " ").param("spanish", "Texto"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Write the English text")));
		assertThat(CurrentTenant.callAs(clinic, () -> consents.history(ConsentDocument.PRIVACY))).isEmpty();

		mvc.perform(post("/admin/settings/consents/privacy").with(admin).with(csrf())
				.param("english", "North keeps your record for ten years.\r\n\r\nYou may ask for a copy.").param("spanish", ""))
				.andExpect(redirectedUrl("/admin/settings"));
		mvc.perform(get("/admin/settings").with(admin))
				.andExpect(content().string(containsString("Version 1, published on")));

		for (var path : List.of("/portal", "/portal/progress", "/portal/messages", "/portal/plan")) {
			mvc.perform(get(path).with(page)).andExpect(status().isSeeOther()).andExpect(redirectedUrl("/portal/consents"));
		}
		mvc.perform(get("/portal/messages/since").header("HX-Request", "true").with(page))
				.andExpect(header().string("HX-Redirect", "/portal/consents"));
		mvc.perform(get("/portal/symptoms/new").with(page)).andExpect(status().isOk());
		mvc.perform(post("/api/me/sessions").with(api).contentType(MediaType.APPLICATION_JSON).content("{}"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.outstandingConsents[0]").value("PRIVACY"));
		mvc.perform(post("/api/me/red-flags").with(api).contentType(MediaType.APPLICATION_JSON).content("{\"saddleNumbness\": false}"))
				.andExpect(status().is(org.hamcrest.Matchers.not(409)));
		// a mood answer may be a safety report, like a warning sign: the renewed consent never holds it back
		mvc.perform(post("/api/me/screenings").with(api).contentType(MediaType.APPLICATION_JSON)
				.content("{\"instrument\": \"PHQ9\", \"answers\": [0, 0, 0, 0, 0, 0, 0, 0, 1]}"))
				.andExpect(status().isCreated()).andExpect(jsonPath("$.urgent").value(true));
		mvc.perform(get("/portal/check-in/support").with(page)).andExpect(status().isOk());

		mvc.perform(get("/portal/consents").with(page))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("<p>North keeps your record for ten years.</p>"),
						containsString("<p>You may ask for a copy.</p>"), containsString("Version 1"),
						not(containsString("agree-TELEHEALTH")))));
		mvc.perform(post("/portal/consents").with(page).with(csrf()).param("agree-PRIVACY", "yes").param("version-PRIVACY", "1"))
				.andExpect(status().is3xxRedirection());

		assertNotSentToConsents(mvc.perform(get("/portal/progress").with(page)).andReturn().getResponse().getHeader("Location"));
		assertThat(CurrentTenant.callAs(clinic, () -> consents.given(maya)))
				.filteredOn(it -> it.document() == ConsentDocument.PRIVACY).extracting(Consents.Consent::version)
				.hasSize(2).endsWith("1");
	}

	@Test
	void keepsTheSettingsToClinicAdministrators() throws Exception {
		for (var other : List.of(Tokens.browser("pt.alex", List.of(clinic.value()), "therapist"),
				Tokens.browser("patient.maya", List.of(clinic.value()), "patient"))) {
			mvc.perform(get("/admin/settings").with(other)).andExpect(status().isForbidden());
			mvc.perform(post("/admin/settings/consents/privacy").with(other).with(csrf()).param("english", "Planted"))
					.andExpect(status().isForbidden());
		}
		assertThat(CurrentTenant.callAs(clinic, () -> consents.history(ConsentDocument.PRIVACY))).isEmpty();
	}

	private static void assertNotSentToConsents(String location) {
		assertThat(location).as("where the portal page sent the patient").isNotEqualTo("/portal/consents");
	}

	/** A valid form but for one field. */
	/**
	 * Without a Keycloak that lets the provisioner in (these tests run without one), the page says it cannot
	 * tell whether the clinic has an integration client, and a change is refused with a friendly message.
	 */
	@Test
	void saysSoWhenTheSignInServiceCannotBeReachedForTheIntegrationClient() throws Exception {

		mvc.perform(get("/admin/settings").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("FHIR integration client"),
						containsString("cannot reach the sign-in service right now to tell"), containsString("http://localhost/fhir"),
						not(containsString("Create the integration client")))));

		for (var path : List.of("/admin/settings/integration-client", "/admin/settings/integration-client/secret",
				"/admin/settings/integration-client/removal")) {
			mvc.perform(post(path).with(admin).with(csrf()))
					.andExpect(redirectedUrl("/admin/settings"))
					.andExpect(flash().attribute("integrationError", containsString("so nothing was changed")));
		}
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder valid(String field, String value) {
		var fields = new java.util.LinkedHashMap<String, String>();
		fields.put("name", "Northside Physio");
		fields.put("timeZone", "America/Denver");
		fields.put("supportPhone", "+1 (206) 555-0142");
		fields.put("supportEmail", "help@northside.example");
		fields.put("coverageGraceDays", "14");
		fields.put(field, value);
		var request = post("/admin/settings").with(admin).with(csrf()).param("states", "WA", "OR");
		fields.forEach(request::param);
		return request;
	}

	record Refusal(String name, String type, byte[] bytes, String message) {}

	private static Refusal refusal(String name, String type, byte[] bytes, String message) {
		return new Refusal(name, type, bytes, message);
	}

	private static byte[] svg(String inside) {
		return ("<svg xmlns=\"http://www.w3.org/2000/svg\">" + inside + "</svg>").getBytes(StandardCharsets.UTF_8);
	}

	static byte[] png(int width, int height) throws IOException {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		var graphics = image.createGraphics();
		graphics.setColor(new Color(0x0b6e4f));
		graphics.fillRect(0, 0, width, height);
		graphics.dispose();
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}
}
