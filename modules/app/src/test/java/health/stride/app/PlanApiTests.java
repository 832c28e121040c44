package health.stride.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Assigning a plan over the API and the patient's view of today's plan, paused by a red flag. */
@SpringBootTest
@AutoConfigureMockMvc
class PlanApiTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired ProgramTemplates templates;
	@Autowired RedFlags redFlags;
	@Autowired Plans plans;

	String north;
	PatientId maya;
	UUID flare;

	@BeforeEach
	void aPatientOfAlex() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), templates::all).size() == 5);
		CurrentTenant.runAs(TenantId.of(north), () -> {
			maya = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			flare = templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow().id();
		});
	}

	@Test
	void theTherapistAssignsAndThePatientSeesTodaysExercises() throws Exception {

		mvc.perform(get("/api/me/plan").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isNotFound());

		mvc.perform(put("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON).content("{}")
				.with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("templateId"));
		mvc.perform(put("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON)
				.content("{\"templateId\": \"" + flare + "\"}").with(Tokens.bearer("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(put("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON)
				.content("{\"templateId\": \"" + flare + "\"}").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.version").value(1))
				.andExpect(jsonPath("$.planId").isNotEmpty());

		mvc.perform(get("/api/me/plan").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.paused").value(false))
				.andExpect(jsonPath("$.exercises[*].slug", hasItems("pelvic-tilt", "knee-hug", "knee-rocking")))
				.andExpect(jsonPath("$.exercises[0].steps").isNotEmpty())
				.andExpect(jsonPath("$.walking.goalMinutes").isNumber())
				.andExpect(jsonPath("$.walkingToday.minutes").value(5))
				.andExpect(jsonPath("$.walkingToday.day").value(1));
		mvc.perform(get("/portal/plan").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Pelvic Tilt")))
				.andExpect(content().string(containsString("Stop and contact your care team")));
	}

	@Test
	void theTherapistTailorsWithTheVersionTheyChangedAndAStaleOneIsA409() throws Exception {

		mvc.perform(put("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON)
				.content("{\"templateId\": \"" + flare + "\"}").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk());
		var change = """
				{"version": 1, "exercises": [
				  {"slug": "pelvic-tilt", "sets": 2, "reps": 10, "side": "BOTH", "timesPerDay": 2, "daysPerWeek": 7, "restSeconds": 30,
				   "holdSeconds": 3, "note": "Slow and small."}]}""";

		mvc.perform(patch("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\": 1, \"exercises\": [{\"slug\": \"pelvic-tilt\", \"sets\": 99}]}")
				.with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("exercises[0].sets"))
				.andExpect(jsonPath("$.errors[0].message").value("Sets: 1 to 10."));
		mvc.perform(patch("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON).content(change)
				.with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.version").value(2))
				.andExpect(jsonPath("$.summary", startsWith("Pelvic Tilt: sets 1 → 2")))
				.andExpect(jsonPath("$.summary", containsString("removed Knee Hug")));
		mvc.perform(patch("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON).content(change)
				.with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.currentVersion").value(2))
				.andExpect(jsonPath("$.lastChange", startsWith("Pelvic Tilt")));
		mvc.perform(patch("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON).content(change)
				.with(Tokens.bearer("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());

		mvc.perform(get("/api/me/plan").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(jsonPath("$.version").value(2))
				.andExpect(jsonPath("$.exercises.length()").value(1))
				.andExpect(jsonPath("$.exercises[0].note").value("Slow and small."));
	}

	@Test
	void aRedFlagPausesThePlan() throws Exception {

		CurrentTenant.runAs(TenantId.of(north), () -> redFlags.report(maya, Set.of(RedFlag.FEVER), RedFlags.Source.REPORT));
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), () -> plans.holdOf(maya)).isPresent());
		mvc.perform(put("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON)
				.content("{\"templateId\": \"" + flare + "\"}").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk());

		mvc.perform(get("/api/me/plan").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(jsonPath("$.paused").value(true))
				.andExpect(jsonPath("$.pausedReason", startsWith("You reported a symptom")))
				.andExpect(jsonPath("$.exercises").isEmpty());
		mvc.perform(get("/portal/plan").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(content().string(containsString("Your exercises are paused")))
				.andExpect(content().string(not(containsString("Pelvic Tilt"))));
	}

	@Test
	void answersABadDosingWithAProblemDetailInTheReadersLanguageAndStoresNothing() throws Exception {

		mvc.perform(put("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON)
				.content("{\"templateId\": \"" + flare + "\"}").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk());
		var tooMany = """
				{"version": 1, "exercises": [
				  {"slug": "pelvic-tilt", "sets": 2, "reps": 10, "side": "BOTH", "timesPerDay": 2, "daysPerWeek": 7,
				   "restSeconds": 30},
				  {"slug": "knee-hug", "sets": 11, "durationSeconds": 30, "side": "EACH", "timesPerDay": 1, "daysPerWeek": 9,
				   "restSeconds": 30}]}""";

		mvc.perform(patch("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON).content(tooMany)
				.header("Accept-Language", "es").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors.length()").value(2))
				.andExpect(jsonPath("$.errors[0].field").value("exercises[1].sets"))
				.andExpect(jsonPath("$.errors[0].message").value("Series: de 1 a 10."))
				.andExpect(jsonPath("$.errors[1].field").value("exercises[1].daysPerWeek"))
				.andExpect(jsonPath("$.errors[1].message").value("Días a la semana: de 1 a 7."));
		mvc.perform(patch("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON).content(tooMany)
				.header("Accept-Language", "en").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[1].message").value("Days a week: 1 to 7."));
		mvc.perform(patch("/api/patients/" + maya + "/plan").contentType(MediaType.APPLICATION_JSON)
				.content(tooMany.replace("\"sets\": 11", "\"sets\": 1").replace("\"daysPerWeek\": 9", "\"daysPerWeek\": 3"))
				.header("Accept-Language", "es").with(Tokens.bearer("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.detail").value("No existe ese paciente."));

		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> plans.of(maya)).orElseThrow().version()).isOne();
	}
}
