package health.stride.app;

import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;

/**
 * Today's lesson over the API and the lesson pages: one a day in the plan's order, in the patient's
 * language, for patients only; a clinic's own lessons added on the form and kept to the clinic.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LessonApiTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired ProgramTemplates templates;
	@Autowired Plans plans;

	String north, lake;
	PatientId maya;

	@BeforeEach
	void mayaOfAlexAndAnotherClinic() {
		north = clinic("north-");
		lake = clinic("lake-");
		CurrentTenant.runAs(TenantId.of(north), () -> {
			maya = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
		});
	}

	private String clinic(String prefix) {
		var id = clinics.register(TenantId.of(prefix + UUID.randomUUID()), prefix).tenant().value();
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(id), templates::all).size() == 5);
		return id;
	}

	private void assignFlarePlan() {
		CurrentTenant.runAs(TenantId.of(north), () -> plans.assign(maya,
				templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow().id(),
				new StrideUser("alex", "pt.alex", List.of(TenantId.of(north)), Set.of(Role.THERAPIST))));
	}

	@Test
	void givesThePatientTodaysLessonOnceADayInTheirLanguage() throws Exception {

		mvc.perform(get("/api/me/lessons/today").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isNoContent());
		assignFlarePlan();

		CurrentTenant.runAs(TenantId.of(north), () -> patients.changeLanguage(maya, Language.SPANISH));
		mvc.perform(get("/api/me/lessons/today").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.lessonId").value("movement-as-medicine"))
				.andExpect(jsonPath("$.title").value(startsWith("El movimiento como medicina")));
		CurrentTenant.runAs(TenantId.of(north), () -> patients.changeLanguage(maya, Language.ENGLISH));
		mvc.perform(get("/api/me/lessons/today").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.lessonId").value("movement-as-medicine"))
				.andExpect(jsonPath("$.title").value("Movement as medicine: edging the pain"))
				.andExpect(jsonPath("$.takeaway").value(containsString("spreads down the leg")))
				.andExpect(jsonPath("$.minutes").value(2));

		mvc.perform(get("/portal/plan").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Today&#39;s lesson")))
				.andExpect(content().string(containsString("Movement as medicine: edging the pain")));
		mvc.perform(get("/portal/lessons/movement-as-medicine").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("centralisation")));
		mvc.perform(get("/api/me/lessons/today").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isNoContent());
		mvc.perform(get("/portal/lessons").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Your flare-up plan")))
				.andExpect(content().string(not(containsString("lesson-today"))));
	}

	@Test
	void refusesTodaysLessonToAnyoneButAPatient() throws Exception {

		mvc.perform(get("/api/me/lessons/today")).andExpect(status().isUnauthorized());
		for (var role : List.of("therapist", "coach", "clinic-admin", "sponsor-admin")) {
			mvc.perform(get("/api/me/lessons/today").with(Tokens.bearer("pt.alex", List.of(north), role)))
					.andExpect(status().isForbidden())
					.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}
	}

	@Test
	void theClinicWritesItsOwnLessonForItsPatientsOnly() throws Exception {

		var body = "Our pool opens at six. Walking in the water takes part of your weight off your back while your legs "
				+ "and trunk keep moving. Start with ten minutes at a steady pace and add a few minutes each week.";
		mvc.perform(post("/library/lessons/new").with(csrf()).with(Tokens.browser("pt.alex", List.of(north), "therapist"))
				.param("title", "Pool walking at North").param("takeaway", "Ten minutes in the pool is a good start.")
				.param("body", "Too short."))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("this text has 2 words")));
		mvc.perform(post("/library/lessons/new").with(csrf()).with(Tokens.browser("pt.alex", List.of(north), "therapist"))
				.param("title", "Pool walking at North").param("takeaway", "Ten minutes in the pool is a good start.")
				.param("body", body + "\n\n" + body))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/library/lessons/pool-walking-at-north"));
		mvc.perform(get("/library/lessons").with(Tokens.browser("coach.rio", List.of(north), "coach")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Pool walking at North")))
				.andExpect(content().string(containsString("Heat or cold: which, when and how long")));
		mvc.perform(get("/library/lessons/heat-or-cold").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Copy as a new lesson")))
				.andExpect(content().string(not(containsString("Edit this lesson"))));
		mvc.perform(get("/library/lessons/new").param("from", "heat-or-cold")
				.with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Copy of Heat or cold")));
		mvc.perform(get("/library/lessons/pool-walking-at-north/edit").with(Tokens.browser("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Our pool opens at six.")));
		var template = CurrentTenant.callAs(TenantId.of(north), () -> templates.all().get(0).id());
		mvc.perform(get("/templates/" + template + "/lessons").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("at.pool-walking-at-north")));
		mvc.perform(post("/library/lessons/new").with(csrf()).with(Tokens.browser("coach.rio", List.of(north), "coach"))
				.param("title", "Coach's lesson").param("takeaway", "No.").param("body", body + "\n\n" + body))
				.andExpect(status().isForbidden());

		mvc.perform(get("/portal/lessons/pool-walking-at-north").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Our pool opens at six.")));
		mvc.perform(get("/portal/lessons/pool-walking-at-north").with(Tokens.browser("patient.ivy", List.of(lake), "patient")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/library/lessons/pool-walking-at-north/edit").with(Tokens.browser("pt.jordan", List.of(lake), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/library/lessons/heat-or-cold/edit").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
	}

	@Test
	void theTherapistPutsThePlansLessonsInOrder() throws Exception {

		assignFlarePlan();
		mvc.perform(post("/patients/" + maya.id() + "/plan/lessons").with(csrf())
				.with(Tokens.browser("pt.alex", List.of(north), "therapist"))
				.param("at.heat-or-cold", "2").param("at.walking-for-back-pain", "1").param("at.flare-up-plan", ""))
				.andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/me/lessons/today").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.lessonId").value("walking-for-back-pain"));
		mvc.perform(post("/patients/" + maya.id() + "/plan/lessons").with(csrf())
				.with(Tokens.browser("pt.alex", List.of(north), "therapist")).param("at.heat-or-cold", "first"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Use whole numbers from 1 to 99")));
		mvc.perform(get("/patients/" + maya.id() + "/plan/lessons").with(Tokens.browser("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
	}
}
