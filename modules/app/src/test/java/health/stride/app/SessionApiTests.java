package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.time.Instant;
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
import health.stride.patients.Aggravator;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.Sessions;

/** Sessions over the API and on the portal: field errors, one session per key, the flare guidance, who reads them. */
@SpringBootTest
@AutoConfigureMockMvc
class SessionApiTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired ProgramTemplates templates;
	@Autowired Plans plans;
	@Autowired Sessions sessions;
	@Autowired RedFlags redFlags;
	@Autowired Consents consents;
	@Autowired health.stride.platform.audit.AuditTrail audit;
	@Autowired Intakes intakes;
	@Autowired health.stride.programs.internal.Tailoring tailoring;

	String north, lake;
	PatientId maya, leo;

	@BeforeEach
	void twoPatientsOfAlexWithAPlan() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), templates::all).size() == 5);
		CurrentTenant.runAs(TenantId.of(north), () -> {
			maya = patient("maya");
			leo = patient("leo");
		});
	}

	private PatientId patient(String name) {
		var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient." + name, name, "Tester",
				LocalDate.of(1980, 1, 1), name + "@example.org", null, "WA", "America/Los_Angeles"));
		careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"),
				new CareTeam.Member(UUID.randomUUID(), "coach.rio", "Rio Santos"));
		var flare = templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow();
		plans.assign(id, flare.id(), new StrideUser("x", "pt.alex", List.of(TenantId.of(north)), Set.of(Role.THERAPIST)));
		return id;
	}

	static String body(String key, int before, int after, String shift) {
		return """
				{"idempotencyKey": "%s", "painBefore": %d, "painAfter": %d, "symptomShift": "%s", "walkingMinutes": 10,
				 "exercises": [{"exerciseSlug": "pelvic-tilt", "setsDone": 1, "repsDone": 6},
				               {"exerciseSlug": "knee-hug", "skipped": true, "skipReason": "PAIN"}]}"""
				.formatted(key, before, after, shift);
	}

	@Test
	void aPatientWithSpinalStenosisReadsHowToWalkWithItOnThePlanAndTheWalkPage() throws Exception {

		CurrentTenant.runAs(TenantId.of(north), () -> {
			for (var document : ConsentDocument.values()) {
				consents.accept(maya, document, consents.currentVersion(document));
				consents.accept(leo, document, consents.currentVersion(document));
			}
			intakes.submit(maya, new IntakeAnswers(java.util.Set.of(PainRegion.LOW_BACK, PainRegion.LEFT_LEG), 4,
					PainDuration.CHRONIC, java.util.Set.of(Aggravator.WALKING, Aggravator.STANDING),
					java.util.Set.of(health.stride.patients.Diagnosis.SPINAL_STENOSIS), "Walk to the market",
					List.of(new PsfsItem("Walking for 20 minutes", 3)), java.util.Set.of()));
		});
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), () -> tailoring.factsOf(maya)).stenosis());
		var patient = Tokens.browser("patient.maya", List.of(north), "patient");

		mvc.perform(get("/portal/plan").with(patient))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Walking with spinal stenosis")))
				.andExpect(content().string(containsString("lean forward, for example on a shopping cart")))
				.andExpect(content().string(containsString("Bending forward usually eases stenosis")));
		mvc.perform(get("/portal/walk").with(patient))
				.andExpect(content().string(containsString("lean forward, for example on a shopping cart")));
		mvc.perform(get("/portal/plan").with(patient).header(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(content().string(containsString("Caminar con estenosis espinal")))
				.andExpect(content().string(containsString("carrito de compras")));
		mvc.perform(get("/portal/plan").with(Tokens.browser("patient.leo", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("spinal stenosis"))));
	}

	@Test
	void thePatientRatesTheirActivitiesAgainAndAdministratorsSeeOnlyAggregates() throws Exception {

		CurrentTenant.runAs(TenantId.of(north), () -> {
			for (var document : ConsentDocument.values()) {
				consents.accept(leo, document, consents.currentVersion(document));
			}
			var answers = new java.util.HashMap<String, Boolean>();
			for (var flag : RedFlag.values()) {
				answers.put(flag.code(), false);
			}
			intakes.submit(leo, new IntakeAnswers(java.util.Set.of(PainRegion.LOW_BACK), 6, PainDuration.SUBACUTE,
					java.util.Set.of(Aggravator.SITTING), java.util.Set.of(), "Garden again",
					List.of(new PsfsItem("Gardening", 3), new PsfsItem("Driving", 5)), java.util.Set.copyOf(java.util.Arrays.stream(RedFlag.values()).filter(it -> Boolean.TRUE.equals(answers.get(it.code()))).toList())));
		});
		var patient = Tokens.browser("patient.leo", List.of(north), "patient");

		mvc.perform(get("/portal/psfs").with(patient))
				.andExpect(content().string(containsString("Gardening")))
				.andExpect(content().string(containsString("Driving")));
		mvc.perform(post("/portal/psfs").with(csrf()).with(patient).param("scores[0]", "6").param("scores[1]", "eleven"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Rate “Driving” from 0 to 10.")));
		mvc.perform(post("/portal/psfs").with(csrf()).with(patient).param("scores[0]", "6").param("scores[1]", "7"))
				.andExpect(redirectedUrl("/portal/progress"))
				.andExpect(flash().attribute("flash", containsString("average 6.5 out of 10")));
		mvc.perform(get("/portal/progress").with(patient))
				.andExpect(content().string(containsString("Activities you named (PSFS, 0–10)")))
				.andExpect(content().string(containsString("Started at 4, latest 6.5")));

		mvc.perform(get("/admin/outcomes").with(Tokens.browser("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Not enough patients yet")))
				.andExpect(content().string(not(containsString("Leo"))));
		mvc.perform(get("/admin/outcomes").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isForbidden());
		mvc.perform(get("/portal/psfs").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isForbidden());
	}

	@Test
	void refusesBadFieldsWithEachFieldNamed() throws Exception {

		var future = Instant.now().plus(Duration.ofDays(1));
		mvc.perform(post("/api/me/sessions").contentType(MediaType.APPLICATION_JSON).content("""
				{"idempotencyKey": "session-1", "performedAt": "%s", "painBefore": 11, "painAfter": 3,
				 "symptomShift": "NONE", "exercises": [{"exerciseSlug": "moonwalk", "setsDone": 1}]}""".formatted(future))
				.with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("performedAt", "painBefore",
						"exercises[0].exerciseSlug")));
		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> sessions.count(maya))).isZero();
	}

	@Test
	void theSameKeyTwiceStoresOneSessionAndAFlareComesWithGuidance() throws Exception {

		var key = "k-" + UUID.randomUUID();
		mvc.perform(post("/api/me/sessions").contentType(MediaType.APPLICATION_JSON).content(body(key, 3, 6, "NONE"))
				.with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.flare").value(true))
				.andExpect(jsonPath("$.painLight").value("RED"))
				.andExpect(jsonPath("$.guidance", containsString("Scale back")));
		mvc.perform(post("/api/me/sessions").contentType(MediaType.APPLICATION_JSON).content(body(key, 3, 6, "NONE"))
				.with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk());

		mvc.perform(get("/api/patients/" + maya + "/sessions").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.totalElements").value(1))
				.andExpect(jsonPath("$.content[0].painAfter").value(6))
				.andExpect(jsonPath("$.content[0].symptomShift").value("NONE"));
		mvc.perform(get("/api/patients/" + maya + "/sessions").with(Tokens.bearer("coach.rio", List.of(north), "coach")))
				.andExpect(jsonPath("$.totalElements").value(1));

		mvc.perform(get("/api/patients/" + maya + "/sessions").with(Tokens.bearer("patient.leo", List.of(north), "patient")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/api/patients/" + maya + "/sessions").with(Tokens.bearer("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/api/patients/" + maya + "/sessions").with(Tokens.bearer("pt.alex", List.of(lake), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/api/patients/" + maya + "/sessions?size=500").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isBadRequest());
		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> audit.aboutPatient(maya.id(), 50)))
				.filteredOn(it -> "sessions".equals(it.resource()))
				.extracting(it -> it.actorUsername() + " " + it.action())
				.contains("coach.rio READ", "patient.maya READ", "pt.sam ACCESS_DENIED");
	}

	@Test
	void aRedFlagStopsTheSessionAndTheSessionPageSaysSo() throws Exception {

		CurrentTenant.runAs(TenantId.of(north), () -> redFlags.report(leo, Set.of(RedFlag.FEVER), RedFlags.Source.REPORT));
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), () -> plans.holdOf(leo)).isPresent());

		mvc.perform(post("/api/me/sessions").contentType(MediaType.APPLICATION_JSON)
				.content(body("k-" + UUID.randomUUID(), 2, 2, "NONE"))
				.with(Tokens.bearer("patient.leo", List.of(north), "patient")))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail", containsString("paused")));
		mvc.perform(get("/portal/session").with(Tokens.browser("patient.leo", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Your exercises are paused")))
				.andExpect(content().string(not(containsString("Save my session"))));
	}

	@Test
	void theSessionPageSavesASessionAndShowsTheScaleBackGuidanceAfterAFlare() throws Exception {

		var patient = Tokens.browser("patient.maya", List.of(north), "patient");
		mvc.perform(get("/portal/session").with(patient))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("the pain traffic light")))
				.andExpect(content().string(containsString("name=\"exercises[0].exerciseSlug\" value=\"pelvic-tilt\"")));

		var key = UUID.randomUUID().toString();
		mvc.perform(post("/portal/session").with(csrf()).with(patient).param("idempotencyKey", key)
				.param("painBefore", "2").param("exercises[0].exerciseSlug", "pelvic-tilt")
				.param("exercises[0].status", "skipped").param("exercises[0].setsDone", "1"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Some answers need a look")))
				.andExpect(content().string(containsString("Say why it was skipped")))
				.andExpect(content().string(containsString("Rate the pain from 0")));

		mvc.perform(post("/portal/session").with(csrf()).with(patient).param("idempotencyKey", key)
				.param("painBefore", "2").param("painAfter", "3").param("symptomShift", "PERIPHERALIZING")
				.param("effort", "HARD").param("exercises[0].exerciseSlug", "pelvic-tilt")
				.param("exercises[0].status", "done").param("exercises[0].setsDone", "1").param("exercises[0].repsDone", "6"))
				.andExpect(redirectedUrl("/portal/session/done"));
		mvc.perform(get("/portal/session/done").with(patient))
				.andExpect(content().string(containsString("Scale back for now")))
				.andExpect(content().string(containsString("Pelvic Tilt: 1 set")));

		mvc.perform(get("/portal/session/light?pain=5").with(patient))
				.andExpect(content().string(containsString("Ease off")));

		mvc.perform(post("/portal/walk").with(csrf()).with(patient).param("idempotencyKey", UUID.randomUUID().toString())
				.param("minutes", "12").param("surface", "FLAT").param("painBefore", "2").param("painAfter", "2")
				.param("symptomShift", "NONE"))
				.andExpect(redirectedUrl("/portal/progress"))
				.andExpect(flash().attribute("flash", "Walk saved: 12 minutes, pain 2 before and 2 after."));

		// wrong types, out of range and missing answers come back as the form with what to correct, never a 500
		var walkKey = UUID.randomUUID().toString();
		mvc.perform(post("/portal/walk").with(csrf()).with(patient).param("idempotencyKey", walkKey)
				.param("minutes", "twelve").param("surface", "FLAT").param("painBefore", "abc").param("painAfter", "11")
				.param("symptomShift", "SIDEWAYS"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("How many minutes did you walk? 1 to 600.")))
				.andExpect(content().string(containsString("Rate your pain before the walk from 0 to 10.")))
				.andExpect(content().string(containsString("Rate your pain after the walk from 0 to 10.")))
				.andExpect(content().string(containsString("Say where your pain went during the walk.")));
		mvc.perform(post("/portal/walk").with(csrf()).with(patient).param("idempotencyKey", walkKey)
				.param("minutes", "10").param("surface", "FLAT").param("painAfter", "1"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Rate your pain before the walk from 0 to 10.")))
				.andExpect(content().string(containsString("Say where your pain went during the walk.")));

		// pain travelling down the leg on a walk is a flare, with the walking advice
		mvc.perform(post("/portal/walk").with(csrf()).with(patient).param("idempotencyKey", walkKey)
				.param("minutes", "10").param("surface", "FLAT").param("painBefore", "2").param("painAfter", "2")
				.param("symptomShift", "PERIPHERALIZING"))
				.andExpect(redirectedUrl("/portal/progress"))
				.andExpect(flash().attribute("flash", containsString("That is a pain flare: make your next walks shorter "
						+ "and slower, and stop walking when pain travels down your leg.")));
		mvc.perform(get("/portal/progress").with(patient))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Pain (0–10) over time")))
				.andExpect(content().string(containsString("1</strong> <span>sessions logged</span>")))
				.andExpect(content().string(matchesPattern("(?s).*<strong>0</strong>\\s*<span>days since your last flare.*")));
	}
}
