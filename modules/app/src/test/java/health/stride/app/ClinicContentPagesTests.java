package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The clinic's own exercises and templates on their pages, for its therapists and administrators only. */
@SpringBootTest
@AutoConfigureMockMvc
class ClinicContentPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ProgramTemplates templates;

	String north, lake;

	@BeforeEach
	void twoClinics() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), templates::all).size() == 5);
	}

	@Test
	void aTherapistAddsAnExerciseOnlyTheirClinicSees() throws Exception {

		mvc.perform(post("/library/new").with(csrf()).with(Tokens.browser("pt.alex", List.of(north), "therapist"))
				.param("name", " ").param("dosing.sets", "0").param("dosing.reps", "8").param("dosing.side", "BOTH")
				.param("dosing.timesPerDay", "1").param("dosing.daysPerWeek", "7").param("dosing.restSeconds", "30"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Name the exercise")))
				.andExpect(content().string(containsString("Sets: 1 to 10.")))
				.andExpect(content().string(containsString("Write the steps, one a line")));

		mvc.perform(post("/library/new").with(csrf()).with(Tokens.browser("pt.alex", List.of(north), "therapist"))
				.param("name", "Towel Slide").param("region", "low-back").param("position", "SEATED")
				.param("equipment", "NONE").param("kind", "MOBILITY").param("dosing.sets", "1").param("dosing.reps", "8")
				.param("dosing.side", "BOTH").param("dosing.timesPerDay", "2").param("dosing.daysPerWeek", "7")
				.param("dosing.restSeconds", "30").param("steps", "Sit with a towel under your hands.\nSlide it forward.\n\nSlide it back.")
				.param("safety", "Keep it small.").param("tags", "flexion-bias", "flare-safe").param("regression", "")
				.param("progression", "childs-pose"))
				.andExpect(redirectedUrl("/library/towel-slide"));

		mvc.perform(get("/library/towel-slide").with(Tokens.browser("coach.rio", List.of(north), "coach")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Slide it forward.")))
				.andExpect(content().string(containsString("clinic’s own")));
		mvc.perform(get("/library?q=towel").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(content().string(containsString("Towel Slide")));
		mvc.perform(get("/api/exercises?q=towel").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(jsonPath("$[0].slug").value("towel-slide"))
				.andExpect(jsonPath("$[0].custom").value(true))
				.andExpect(jsonPath("$[0].steps.length()").value(3))
				.andExpect(jsonPath("$[0].tags", contains("flare-safe", "flexion-bias")));

		mvc.perform(get("/library/towel-slide").with(Tokens.browser("pt.jordan", List.of(lake), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/api/exercises?q=towel").with(Tokens.bearer("pt.jordan", List.of(lake), "therapist")))
				.andExpect(jsonPath("$.length()").value(0));
		mvc.perform(get("/library/towel-slide/edit").with(Tokens.browser("coach.rio", List.of(north), "coach")))
				.andExpect(status().isForbidden());
		mvc.perform(get("/library/pelvic-tilt/edit").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/library/towel-slide/edit").with(Tokens.browser("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Slide it forward.")));
	}

	@Test
	void aTherapistBuildsATemplateOnTheEditorAndAStaleSaveKeepsTheirWork() throws Exception {

		var therapist = Tokens.browser("pt.alex", List.of(north), "therapist");
		mvc.perform(get("/templates").with(therapist))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Back pain flare: gentle mobility")));

		mvc.perform(post("/templates/new").with(csrf()).with(therapist).param("op", "add:0").param("version", "0")
				.param("name", "Desk workers").param("phases[0].name", "Start").param("phases[0].add", "pelvic-tilt"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Added Pelvic Tilt at its usual dose")))
				.andExpect(content().string(containsString("name=\"phases[0].exercises[0].slug\" value=\"pelvic-tilt\"")));

		mvc.perform(post("/templates/new").with(csrf()).with(therapist).param("op", "save").param("version", "0")
				.param("name", "").param("phases[0].name", "Start").param("walkingMinutes", "500"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Name the template")))
				.andExpect(content().string(containsString("Add at least one exercise to this phase.")))
				.andExpect(content().string(containsString("Minutes a walk: 1 to 120.")));

		mvc.perform(post("/templates/new").with(csrf()).with(therapist).param("op", "save").param("version", "0")
				.param("name", "Desk workers").param("description", "Short breaks from sitting")
				.param("walkingMinutes", "5").param("walkingSessions", "3").param("walkingDays", "5").param("walkingGoal", "20")
				.param("phases[0].name", "Start").param("phases[0].advanceWhen", "Sitting for an hour is comfortable")
				.params(line(0, "pelvic-tilt", "2", "10")))
				.andExpect(redirectedUrl("/templates"))
				.andExpect(flash().attribute("flash", "Saved the template Desk workers."));

		var created = CurrentTenant.callAs(TenantId.of(north), templates::all).stream()
				.filter(it -> it.name().equals("Desk workers")).findFirst().orElseThrow();
		assertThat(created.phases()).singleElement().satisfies(phase -> {
			assertThat(phase.advanceWhen()).isEqualTo("Sitting for an hour is comfortable");
			assertThat(phase.exercises()).extracting(ProgramTemplate.Prescribed::slug).containsExactly("pelvic-tilt");
			assertThat(phase.exercises().get(0).dosing().summary()).startsWith("2×10");
		});
		assertThat(created.walking().goalMinutes()).isEqualTo(20);

		var edit = "/templates/" + created.id() + "/edit";
		mvc.perform(post(edit).with(csrf()).with(therapist).param("op", "save").param("version", String.valueOf(created.version()))
				.param("name", "Desk workers, first week").param("phases[0].name", "Start").params(line(0, "pelvic-tilt", "3", "10")))
				.andExpect(redirectedUrl("/templates"));
		mvc.perform(post(edit).with(csrf()).with(therapist).param("op", "save").param("version", String.valueOf(created.version()))
				.param("name", "Desk workers, my way").param("phases[0].name", "Start").params(line(0, "pelvic-tilt", "1", "5")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Someone saved this template while you were editing")))
				.andExpect(content().string(containsString("value=\"Desk workers, my way\"")));
		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> templates.find(created.id())).orElseThrow().name())
				.isEqualTo("Desk workers, first week");

		mvc.perform(get(edit).with(Tokens.browser("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/templates").with(Tokens.browser("coach.rio", List.of(north), "coach")))
				.andExpect(status().isForbidden());
		mvc.perform(get("/templates").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isForbidden());
	}

	private static org.springframework.util.MultiValueMap<String, String> line(int index, String slug, String sets,
			String reps) {
		var fields = new org.springframework.util.LinkedMultiValueMap<String, String>();
		var prefix = "phases[0].exercises[" + index + "].";
		fields.add(prefix + "slug", slug);
		fields.add(prefix + "sets", sets);
		fields.add(prefix + "reps", reps);
		fields.add(prefix + "side", "BOTH");
		fields.add(prefix + "timesPerDay", "1");
		fields.add(prefix + "daysPerWeek", "5");
		fields.add(prefix + "restSeconds", "30");
		return fields;
	}
}
