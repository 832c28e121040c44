package health.stride.app;

import static org.assertj.core.api.Assertions.*;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.internal.Tailoring;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The tailoring page without JavaScript: every button sends the whole form back changed, only Save
 * stores a version, mistakes come back as the therapist typed them, and a stale save loses nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TailoringPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired ProgramTemplates templates;
	@Autowired Plans plans;
	@Autowired Tailoring tailoring;

	String north, lake;
	PatientId grace;
	String editor;

	@BeforeEach
	void aPatientWithStenosisOnTheFlarePlan() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), templates::all).size() == 5);
		CurrentTenant.runAs(TenantId.of(north), () -> {
			grace = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.grace", "Grace", "Liu",
					LocalDate.of(1958, 6, 8), "grace@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(grace, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			tailoring.record(grace, false, true, false);
			var flare = templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow();
			plans.assign(grace, flare.id(), alex());
		});
		editor = "/patients/" + grace + "/plan/edit";
	}

	@Test
	void marksTheExercisesTheIntakeWarnsAboutWithAlternativesOneClickAway() throws Exception {

		mvc.perform(get(editor).with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Spinal stenosis or pain on bending backward")))
				.andExpect(content().string(containsString("2 exercises are marked below")))
				.andExpect(content().string(containsString("Prone Press Up bends the spine backward")))
				.andExpect(content().string(containsString("value=\"swap:1:4:double-knee-hug\"")))
				.andExpect(content().string(containsString("value=\"swap:1:3:")));

		mvc.perform(get(editor).with(Tokens.browser("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get(editor).with(Tokens.browser("pt.alex", List.of(lake), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get(editor).with(Tokens.browser("coach.rio", List.of(north), "coach")))
				.andExpect(status().isForbidden());
		mvc.perform(post(editor).with(csrf()).param("op", "save").param("version", "1")
				.with(Tokens.browser("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
	}

	@Test
	void everyButtonChangesTheFormAndOnlySaveStoresAVersion() throws Exception {

		// the flare plan: phase 0 pelvic-tilt, knee-hug, knee-rocking; phase 1 adds back-extension, prone-press-up
		mvc.perform(form("swap:1:4:double-knee-hug", saved()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Swapped Prone Press Up for Double Knee Hug")))
				.andExpect(content().string(containsString("name=\"phases[1].exercises[4].slug\" value=\"double-knee-hug\"")));

		mvc.perform(form("remove:0:1", saved()))
				.andExpect(content().string(containsString("Removed Knee Hug")))
				.andExpect(content().string(containsString("name=\"phases[0].exercises[1].slug\" value=\"knee-rocking\"")));
		mvc.perform(form("up:0:2", saved()))
				.andExpect(content().string(containsString("name=\"phases[0].exercises[1].slug\" value=\"knee-rocking\"")))
				.andExpect(content().string(containsString("name=\"phases[0].exercises[2].slug\" value=\"knee-hug\"")));
		mvc.perform(form("down:0:0", saved()))
				.andExpect(content().string(containsString("name=\"phases[0].exercises[0].slug\" value=\"knee-hug\"")));
		mvc.perform(form("add:0", saved()).param("phases[0].add", "clamshell"))
				.andExpect(content().string(containsString("Added Clamshell at its usual dose")))
				.andExpect(content().string(containsString("name=\"phases[0].exercises[3].slug\" value=\"clamshell\"")));
		mvc.perform(form("swap:0:2", saved()).param("phases[0].exercises[2].swapTo", "cat-cow"))
				.andExpect(content().string(containsString("name=\"phases[0].exercises[2].slug\" value=\"cat-cow\"")));
		mvc.perform(form("current:1", saved()))
				.andExpect(content().string(containsString("The patient will be in “As the pain subsides”")))
				.andExpect(content().string(containsString("name=\"current\" value=\"1\"")));
		assertThat(plan().version()).as("buttons other than Save store nothing").isEqualTo(1);

		var changed = saved();
		changed.put("phases[0].exercises[0].sets", "2");
		changed.put("phases[0].exercises[0].reps", "10");
		changed.remove("phases[1].exercises[4].slug");
		changed.put("phases[1].exercises[4].slug", "double-knee-hug");
		changed.put("current", "1");
		mvc.perform(form("save", changed))
				.andExpect(redirectedUrl("/patients/" + grace))
				.andExpect(flash().attribute("flash", allOf(startsWith("Plan saved as version 2: Pelvic Tilt: sets 1 → 2"),
						containsString("added Double Knee Hug"), containsString("removed Prone Press Up in “As the pain subsides”"),
						containsString("moved to “As the pain subsides”"))));

		var plan = plan();
		assertThat(plan.version()).isEqualTo(2);
		assertThat(plan.currentPhase()).isEqualTo(1);
		assertThat(plan.phases().get(0).exercises().get(0).dosing().summary()).startsWith("2×10");
		assertThat(plan.phases().get(1).exercises()).extracting(it -> it.slug())
				.containsExactly("pelvic-tilt", "knee-hug", "knee-rocking", "back-extension", "double-knee-hug");
	}

	@Test
	void mistakesComeBackAsTypedAndNothingIsSaved() throws Exception {

		var typed = saved();
		typed.put("phases[0].exercises[0].sets", "twelve");
		typed.put("phases[0].exercises[1].reps", "");
		mvc.perform(form("save", typed))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Some fields need a look")))
				.andExpect(content().string(containsString("Sets: 1 to 10.")))
				.andExpect(content().string(containsString("Give either repetitions or seconds, not both.")))
				.andExpect(content().string(containsString("value=\"twelve\"")));
		assertThat(plan().version()).isEqualTo(1);
	}

	@Test
	void aSaveAgainstAStaleVersionShowsTheOtherChangeAndKeepsTheTherapistsEdits() throws Exception {

		var first = saved();
		first.put("phases[0].exercises[0].sets", "3");
		var second = saved();
		second.put("phases[0].exercises[2].note", "Keep the movement small.");

		mvc.perform(form("save", first)).andExpect(status().is3xxRedirection());
		mvc.perform(form("save", second))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("pt.alex saved version 2 while you were editing: Pelvic Tilt: sets 1 → 3")))
				.andExpect(content().string(containsString("value=\"Keep the movement small.\"")))
				.andExpect(content().string(containsString("name=\"version\" value=\"2\"")));
		assertThat(plan().version()).isEqualTo(2);

		second.put("version", "2");
		mvc.perform(form("save", second).header("HX-Request", "true"))
				.andExpect(status().isOk())
				.andExpect(header().string("HX-Redirect", "/patients/" + grace));
		assertThat(plan().version()).isEqualTo(3);
		assertThat(plan().phases().get(0).exercises().get(2).dosing().note()).isEqualTo("Keep the movement small.");
	}

	@Test
	void theRecordFormBindsItsNestedListsBackAndSpeaksTheReadersLanguage() throws Exception {

		var typed = saved();
		typed.put("phases[1].exercises[2].note", "Despacio.");
		typed.put("phases[1].exercises[2].reps", "7");
		typed.put("phases[0].add", "clamshell");
		mvc.perform(form("add:0", typed).header("Accept-Language", "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Se agregó Clamshell con su dosis habitual. Guarde para conservar el cambio.")))
				.andExpect(content().string(containsString("name=\"phases[1].exercises[2].note\" value=\"Despacio.\"")))
				.andExpect(content().string(containsString("name=\"phases[1].exercises[2].reps\" value=\"7\"")))
				.andExpect(content().string(containsString("name=\"phases[0].exercises[3].slug\" value=\"clamshell\"")))
				.andExpect(content().string(containsString("Estenosis espinal o dolor al inclinarse hacia atrás")));

		typed.put("phases[1].exercises[2].sets", "0");
		mvc.perform(form("save", typed).header("Accept-Language", "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Revise algunos campos antes de guardar el plan.")))
				.andExpect(content().string(containsString("Series: de 1 a 10.")))
				.andExpect(content().string(containsString("name=\"phases[1].exercises[2].note\" value=\"Despacio.\"")));
		assertThat(plan().version()).isEqualTo(1);
	}

	/** The form as the page shows the saved plan. */
	private java.util.LinkedHashMap<String, String> saved() {
		var plan = plan();
		var fields = new java.util.LinkedHashMap<String, String>();
		fields.put("version", String.valueOf(plan.version()));
		fields.put("current", String.valueOf(plan.currentPhase()));
		for (int p = 0; p < plan.phases().size(); p++) {
			var phase = plan.phases().get(p);
			fields.put("phases[" + p + "].name", phase.name());
			for (int i = 0; i < phase.exercises().size(); i++) {
				var line = phase.exercises().get(i);
				var prefix = "phases[" + p + "].exercises[" + i + "].";
				var dosing = line.dosing();
				fields.put(prefix + "slug", line.slug());
				fields.put(prefix + "sets", String.valueOf(dosing.sets()));
				fields.put(prefix + "reps", dosing.reps() == null ? "" : String.valueOf(dosing.reps()));
				fields.put(prefix + "durationSeconds", dosing.durationSeconds() == null ? "" : String.valueOf(dosing.durationSeconds()));
				fields.put(prefix + "holdSeconds", dosing.holdSeconds() == null ? "" : String.valueOf(dosing.holdSeconds()));
				fields.put(prefix + "side", dosing.side().name());
				fields.put(prefix + "timesPerDay", String.valueOf(dosing.timesPerDay()));
				fields.put(prefix + "daysPerWeek", String.valueOf(dosing.daysPerWeek()));
				fields.put(prefix + "restSeconds", String.valueOf(dosing.restSeconds()));
				fields.put(prefix + "note", dosing.note() == null ? "" : dosing.note());
			}
		}
		return fields;
	}

	private MockHttpServletRequestBuilder form(String op, java.util.Map<String, String> fields) {
		var request = post(editor).with(csrf()).with(Tokens.browser("pt.alex", List.of(north), "therapist")).param("op", op);
		fields.forEach(request::param);
		return request;
	}

	private Plan plan() {
		return CurrentTenant.callAs(TenantId.of(north), () -> plans.of(grace)).orElseThrow();
	}

	private StrideUser alex() {
		return new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(TenantId.of(north)), Set.of(Role.THERAPIST));
	}
}
