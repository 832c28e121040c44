package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicLogo;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.ClinicSettings;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;

/**
 * The home program handout, read back from the PDF as a patient would read the paper: every exercise
 * of every built-in template with its dose, the walking target, the flare rule and when to get help,
 * in the patient's language; only the therapist of record and the patient get it, every download is
 * audited, and without a mail server the page says the email cannot go.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HandoutPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired ProgramTemplates templates;
	@Autowired Plans plans;
	@Autowired ExerciseLibrary library;
	@Autowired MessageSource messages;
	@Autowired AuditTrail audit;

	String north, lake;
	PatientId grace;
	String username;
	String handout;

	@BeforeEach
	void aPatientOfAlexInAClinicWithContactDetails() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North Physio").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		clinics.describe(TenantId.of(north), new ClinicSettings("North Physio", java.time.ZoneId.of("America/Los_Angeles"),
				List.of("WA"), "+1 206 555 0100", "care@north.example", 30));
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), templates::all).size() == 5);
		username = "patient.grace-" + UUID.randomUUID();
		CurrentTenant.runAs(TenantId.of(north), () -> {
			grace = patients.register(new NewPatient(UUID.randomUUID().toString(), username, "Grace", "Liu",
					LocalDate.of(1958, 6, 8), "grace@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(grace, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
		});
		handout = "/patients/" + grace + "/plan/handout";
	}

	@Test
	void printsEveryExerciseOfEveryBuiltInTemplateWithItsDoseTheWalkingTargetAndTheFlareRule() throws Exception {

		var builtIn = CurrentTenant.callAs(TenantId.of(north), templates::all);
		var renders = 0;
		for (var template : builtIn) {
			CurrentTenant.runAs(TenantId.of(north), () -> plans.assign(grace, template.id(), alex()));
			for (int phase = 0; phase < template.phases().size(); phase++) {
				var plan = inPhase(phase);
				var started = System.nanoTime();
				var text = pdfText(handout, "pt.alex", north, "therapist");
				renders++;
				if (renders == 1) {
					System.out.printf("Handout of %s, phase %d: %d ms (first render)%n", template.key(), phase,
							(System.nanoTime() - started) / 1_000_000);
				}
				for (var prescribed : plan.phase().exercises()) {
					var name = library.find(prescribed.slug(), Locale.ENGLISH).orElseThrow().name();
					assertThat(text).as("%s, phase %d", template.key(), phase)
							.contains(words(name), words(prescribed.dosing().words().in(messages, Locale.ENGLISH)));
				}
				var walking = plan.walking();
				if (walking != null) {
					assertThat(text).as("%s: the walking target", template.key()).contains(words(messages.getMessage(
							"programs.plan.page.walking.goal", new Object[] { walking.daysPerWeek(), walking.goalMinutes() },
							Locale.ENGLISH)));
				}
				assertThat(text).contains("North Physio", "+1 206 555 0100", "care@north.example", "Grace Liu",
						words(text("programs.handout.flare.what")), words(text("programs.handout.care.emergency.fever")),
						words(text("programs.handout.care.emergency.weight")), words(text("programs.handout.care.call.worse")));
			}
		}
		assertThat(renders).as("every phase of the five templates").isGreaterThan(5);
		var started = System.nanoTime();
		pdfText(handout, "pt.alex", north, "therapist");
		System.out.printf("Handout render and read-back, warm: %d ms%n", (System.nanoTime() - started) / 1_000_000);
	}

	@Test
	void isWrittenInThePatientsLanguageWhoeverDownloadsIt() throws Exception {

		var plan = assigned("sciatica-stretch-strengthen");
		CurrentTenant.runAs(TenantId.of(north), () -> patients.changeLanguage(grace, Language.SPANISH));
		var spanish = Locale.of("es");

		for (var text : List.of(pdfText(handout, "pt.alex", north, "therapist"),
				pdfText("/portal/plan/handout", username, north, "patient"))) {
			assertThat(text).contains("Su programa de ejercicios en casa", "¿Dudas?", "Cuándo pedir ayuda",
					words(messages.getMessage("programs.handout.care.emergency.fever", null, spanish)));
			for (var prescribed : plan.phase().exercises()) {
				assertThat(text).contains(words(library.find(prescribed.slug(), spanish).orElseThrow().name()),
						words(prescribed.dosing().words().in(messages, spanish)));
			}
		}
	}

	@Test
	void givesTheHandoutToTheTherapistOfRecordAndThePatientOnlyUnderANameWithoutThePatientsAndAuditsIt() throws Exception {

		assigned("flare-mobility");

		mvc.perform(get(handout).with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(content().contentType(MediaType.APPLICATION_PDF))
				.andExpect(header().string("Content-Disposition", "attachment; filename=\"home-program.pdf\""))
				.andExpect(header().string("Cache-Control", containsString("no-store")));
		mvc.perform(get("/portal/plan/handout").with(Tokens.browser(username, List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().contentType(MediaType.APPLICATION_PDF))
				.andExpect(header().string("Content-Disposition", not(containsString("Grace"))));

		// another clinic's patient does not exist; a therapist of the clinic off the care team neither
		mvc.perform(get(handout).with(Tokens.browser("pt.alex", List.of(lake), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get(handout).with(Tokens.browser("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(post(handout + "/email").with(csrf()).with(Tokens.browser("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		// clinicians who do not tailor plans, and patients, are turned away by role
		mvc.perform(get(handout).with(Tokens.browser("coach.rio", List.of(north), "coach")))
				.andExpect(status().isForbidden());
		mvc.perform(get(handout).with(Tokens.browser(username, List.of(north), "patient")))
				.andExpect(status().isForbidden());
		// a patient of another clinic has no plan here
		mvc.perform(get("/portal/plan/handout").with(Tokens.browser(username, List.of(lake), "patient")))
				.andExpect(status().isNotFound());

		var exports = CurrentTenant.callAs(TenantId.of(north), () -> audit.aboutPatient(grace.id(), 50)).stream()
				.filter(it -> it.action() == AuditAction.EXPORT && "plan-handout".equals(it.resource())).toList();
		assertThat(exports).extracting(it -> it.actorUsername()).containsExactlyInAnyOrder("pt.alex", username);
	}

	@Test
	void saysOnThePlanPageThatEmailIsNotSetUpAndSendsNothing() throws Exception {

		assigned("flare-mobility");

		mvc.perform(get("/patients/" + grace + "/plan/edit").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("href=\"" + handout + "\"")))
				.andExpect(content().string(containsString(text("programs.handout.email.unavailable"))))
				.andExpect(content().string(not(containsString(">Email to patient</button>"))));
		mvc.perform(post(handout + "/email").with(csrf()).with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(redirectedUrl("/patients/" + grace + "/plan/edit"))
				.andExpect(flash().attribute("flash", text("programs.handout.emailed.no-mail-server")));
		mvc.perform(get("/portal/plan").with(Tokens.browser(username, List.of(north), "patient")))
				.andExpect(content().string(containsString("href=\"/portal/plan/handout\"")));
	}

	@Test
	void drawsTheClinicsLogoWhetherAPictureOrADrawing() throws Exception {

		assigned("flare-mobility");
		var picture = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
		var png = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(picture, "png", png);
		clinics.changeLogo(TenantId.of(north), new ClinicLogo(png.toByteArray(), ClinicLogo.PNG));

		try (var document = Loader.loadPDF(pdf(handout))) {
			var resources = document.getPage(0).getResources();
			var pictures = new java.util.ArrayList<Object>();
			for (var name : resources.getXObjectNames()) {
				if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image) {
					pictures.add(image);
				}
			}
			assertThat(pictures).as("the PNG logo, the only raster picture (the drawings are vector)").hasSize(1);
		}

		clinics.changeLogo(TenantId.of(north), new ClinicLogo(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\"><rect width=\"40\" height=\"20\" fill=\"#0b6e69\"/></svg>"
						.getBytes(java.nio.charset.StandardCharsets.UTF_8), ClinicLogo.SVG));
		assertThat(words(text(pdf(handout)))).contains("North Physio", "Pelvic Tilt");
	}

	@Test
	void answersNotFoundWhenThereIsNoPlanYet() throws Exception {
		mvc.perform(get("/portal/plan/handout").with(Tokens.browser(username, List.of(north), "patient")))
				.andExpect(status().isNotFound());
		mvc.perform(get(handout).with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
	}

	private Plan assigned(String key) {
		return CurrentTenant.callAs(TenantId.of(north), () -> {
			var template = templates.all().stream().filter(it -> key.equals(it.key())).findFirst().orElseThrow();
			return plans.assign(grace, template.id(), alex());
		});
	}

	/** The plan, moved to the given phase (as a therapist does when the patient is ready). */
	private Plan inPhase(int phase) {
		return CurrentTenant.callAs(TenantId.of(north), () -> {
			var plan = plans.of(grace).orElseThrow();
			if (plan.currentPhase() == phase) {
				return plan;
			}
			return plans.tailor(grace, plan.version(),
					plan.phases().stream().map(ProgramTemplate.Phase::exercises).toList(), phase, alex());
		});
	}

	private byte[] pdf(String path) throws Exception {
		return mvc.perform(get(path).with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
	}

	/** The text of the PDF at the path, its white space made single spaces (lines wrap where the page ends). */
	private String pdfText(String path, String user, String clinic, String role) throws Exception {
		var response = mvc.perform(get(path).with(Tokens.browser(user, List.of(clinic), role)))
				.andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
				.andReturn().getResponse();
		return words(text(response.getContentAsByteArray()));
	}

	private static String text(byte[] pdf) throws IOException {
		try (var document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document);
		}
	}

	private String text(String key) {
		return messages.getMessage(key, null, Locale.ENGLISH);
	}

	private static String words(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

	private StrideUser alex() {
		return new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(TenantId.of(north)), java.util.Set.of(Role.THERAPIST));
	}
}
