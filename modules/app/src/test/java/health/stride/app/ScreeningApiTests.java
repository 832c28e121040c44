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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import health.stride.app.security.Tokens;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.careteams.internal.CaseloadReason;
import health.stride.careteams.internal.Caseloads;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.messaging.Threads;
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
import health.stride.patients.Screenings;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * {@code POST /api/me/screenings} as the contract gives it: scores and bands, {@code urgent} for the
 * PHQ-9's self-harm item, problem details for anything else; an urgent answer reaching the caseload
 * and the thread until a therapist reviews it; and nothing of it for a sponsor.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ScreeningApiTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired SponsorManagement sponsors;
	@Autowired PatientDirectory patients;
	@Autowired Consents consents;
	@Autowired Intakes intakes;
	@Autowired Screenings screenings;
	@Autowired Threads threads;
	@Autowired Caseloads caseloads;

	String north, lake;
	PatientId grace;

	@BeforeEach
	void aPatientWhoseIntakeGaveHerAlex() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		CurrentTenant.runAs(TenantId.of(north), () -> {
			clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST,
					List.of(new License("WA", LicenseKind.LICENSE, "PT 1", LocalDate.now().plusYears(1))));
			sponsors.register(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, null, null);
			sponsors.appointAdministrator("sponsor.acme", SponsorCode.of("ACME"));
			grace = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.grace", "Grace", "Liu",
					LocalDate.of(1970, 1, 1), "grace@example.org", null, "WA", "America/Los_Angeles"));
			for (var document : ConsentDocument.values()) {
				consents.accept(grace, document, consents.currentVersion(document));
			}
			intakes.submit(grace, new IntakeAnswers(Set.of(PainRegion.LOW_BACK), 4, PainDuration.ACUTE, Set.of(), Set.of(),
					"Run again", List.of(new PsfsItem("Running", 2)), Set.of()));
		});
		// assignment on the finished intake, then the welcome opens the thread
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> CurrentTenant.callAs(TenantId.of(north),
				() -> threads.ofPatient(grace)).filter(it -> it.lastSeq() > 0).isPresent());
	}

	@Test
	void scoresEachQuestionnaireAndAsksForThePhq9AfterAPositivePhq2() throws Exception {

		mvc.perform(answer("PHQ2", "[2, 1]"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.instrument").value("PHQ2"))
				.andExpect(jsonPath("$.score").value(3))
				.andExpect(jsonPath("$.severity").value("positive"))
				.andExpect(jsonPath("$.urgent").value(false))
				.andExpect(jsonPath("$.next").value("PHQ9"))
				.andExpect(jsonPath("$.help").doesNotExist());
		mvc.perform(answer("PHQ9", "[2, 2, 2, 2, 2, 1, 1, 1, 0]"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.score").value(13))
				.andExpect(jsonPath("$.severity").value("moderate"))
				.andExpect(jsonPath("$.urgent").value(false));
		mvc.perform(answer("GAD7", "[3, 3, 3, 3, 3, 0, 0]"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.score").value(15))
				.andExpect(jsonPath("$.severity").value("severe"))
				.andExpect(jsonPath("$.next").doesNotExist());
	}

	@Test
	void refusesWrongCountsTypesAndValuesWithProblemDetailsAndStoresNothing() throws Exception {

		for (var body : List.of("{\"instrument\": \"PHQ2\", \"answers\": [1, 1, 1]}",
				"{\"instrument\": \"PHQ9\", \"answers\": [1, 1]}",
				"{\"instrument\": \"GAD7\", \"answers\": []}",
				"{\"instrument\": \"PHQ2\"}",
				"{\"instrument\": \"PHQ3\", \"answers\": [1, 1]}",
				"{\"answers\": [1, 1]}",
				"{\"instrument\": \"PHQ2\\u0000\", \"answers\": [1, 1]}",
				"{\"instrument\": \"PHQ2\", \"answers\": [\"1\", 1]}",
				"{\"instrument\": \"PHQ2\", \"answers\": [1.5, 1]}",
				"{\"instrument\": \"PHQ2\", \"answers\": [4, 0]}",
				"{\"instrument\": \"PHQ2\", \"answers\": [-1, 0]}",
				"{\"instrument\": \"PHQ2\", \"answers\": [null, 0]}",
				"{\"instrument\": \"PHQ2\", \"answers\": [99999999999, 0]}",
				"{\"instrument\": \"PHQ2\", \"answers\": \"11\"}",
				"{\"instrument\": [\"PHQ2\"], \"answers\": [1, 1]}",
				"{\"instrument\": \"" + "P".repeat(100_000) + "\", \"answers\": [1, 1]}",
				"not json", "")) {
			mvc.perform(asGrace(post("/api/me/screenings")).content(body))
					.andExpect(status().isBadRequest())
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		mvc.perform(asGrace(post("/api/me/screenings")).content("{\"instrument\": \"PHQ9\", \"answers\": [1, 1]}"))
				.andExpect(jsonPath("$.errors[0].field").value("answers"))
				.andExpect(jsonPath("$.errors[0].message").value("The PHQ9 takes exactly 9 answers."));
		mvc.perform(asGrace(post("/api/me/screenings")).content("{\"instrument\": \"PHQ2\", \"answers\": [1, 7]}"))
				.andExpect(jsonPath("$.errors[0].field").value("answers[1]"));
		mvc.perform(asGrace(post("/api/me/screenings")).header("Accept-Language", "es")
				.content("{\"instrument\": \"PHQ3\", \"answers\": [1, 1]}"))
				.andExpect(jsonPath("$.errors[0].message").value("Indique el cuestionario: PHQ2, PHQ9 o GAD7."));

		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> screenings.of(grace))).isEmpty();
	}

	@Test
	void storesTheSameAnswersSentTwiceAsTwoQuestionnaires() throws Exception {
		mvc.perform(answer("PHQ2", "[0, 1]")).andExpect(status().isCreated());
		mvc.perform(answer("PHQ2", "[0, 1]")).andExpect(status().isCreated());
		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> screenings.of(grace))).hasSize(2);
	}

	@Test
	void anUrgentAnswerIsARedFlagLevelReasonAndAnUrgentThreadUntilTheTherapistReviewsIt() throws Exception {

		var created = mvc.perform(answer("PHQ9", "[0, 0, 0, 0, 0, 0, 0, 0, 1]"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.score").value(1))
				.andExpect(jsonPath("$.severity").value("minimal"))
				.andExpect(jsonPath("$.urgent").value(true))
				.andExpect(jsonPath("$.help").value(containsString("988")))
				.andReturn().getResponse().getContentAsString();
		String screening = JsonPath.read(created, "$.screeningId");

		Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc
				.perform(get("/api/caseload").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(jsonPath("$.content[0].reasons").value(hasItem("mood-urgent")))
				.andExpect(jsonPath("$.content[0].priority").value(1)));
		Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc
				.perform(get("/api/threads").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(jsonPath("$[0].urgent").value(true)));
		var posted = CurrentTenant.callAs(TenantId.of(north), () -> threads.latest(grace, 5)).stream()
				.filter(it -> "messaging.system.mood-urgent".equals(it.code())).toList();
		assertThat(posted).as("one message, however often the event comes").hasSize(1);

		// a blank note reviews nothing; a note does, once
		mvc.perform(post("/patients/" + grace + "/screenings/" + screening + "/review").param("note", " ").with(csrf())
				.with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("flash", startsWith("Write what was done")));
		mvc.perform(post("/patients/" + grace + "/screenings/" + screening + "/review")
				.param("note", "Called her; safe, seeing her doctor today").with(csrf())
				.with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("flash", startsWith("The urgent answer is reviewed")));

		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> CurrentTenant.callAs(TenantId.of(north),
				() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 5)).content().getFirst().reasons()
				.stream().noneMatch(CaseloadReason.MOOD_URGENT::equals));
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !CurrentTenant.callAs(TenantId.of(north),
				() -> threads.ofPatient(grace)).orElseThrow().urgent());

		// the chart shows the score, the band and who reviewed it; another clinic's therapist finds no patient
		mvc.perform(get("/patients/" + grace).with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Mood screening"), containsString("1 of 27"),
						containsString("Reviewed by pt.alex"))));
		mvc.perform(post("/patients/" + grace + "/screenings/" + screening + "/review").param("note", "x").with(csrf())
				.with(Tokens.browser("pt.jordan", List.of(lake), "therapist")))
				.andExpect(status().isNotFound());
	}

	@Test
	void aSponsorAdminReachesNoScreeningAndTheEnrollmentNumbersKeepTheirShape() throws Exception {

		var before = mvc.perform(get("/api/sponsors/ACME/enrollment")
				.with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		mvc.perform(answer("PHQ9", "[3, 3, 3, 3, 3, 3, 3, 3, 1]")).andExpect(status().isCreated());

		var sponsor = Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin");
		mvc.perform(post("/api/me/screenings").with(sponsor).contentType(MediaType.APPLICATION_JSON)
				.content("{\"instrument\": \"PHQ2\", \"answers\": [1, 1]}"))
				.andExpect(status().isForbidden());
		var page = Tokens.browser("sponsor.acme", List.of(north), "sponsor-admin");
		mvc.perform(get("/portal/check-in").with(page)).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/portal/check-in/support").with(page)).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/patients/" + grace).with(page)).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(post("/patients/" + grace + "/screenings/" + UUID.randomUUID() + "/review").param("note", "x")
				.with(csrf()).with(page)).andExpect(status().is(anyOf(is(403), is(404))));

		var after = mvc.perform(get("/api/sponsors/ACME/enrollment").with(sponsor))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.*", hasSize(JsonPath.<java.util.Map<String, Object>> read(before, "$").size())))
				.andExpect(jsonPath("$..score").isEmpty())
				.andExpect(jsonPath("$..severity").isEmpty())
				.andExpect(jsonPath("$..urgent").isEmpty())
				.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<java.util.Map<String, Object>> read(after, "$").keySet())
				.isEqualTo(JsonPath.<java.util.Map<String, Object>> read(before, "$").keySet());
		mvc.perform(get("/sponsor").with(page))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(not(containsString("PHQ")), not(containsString("GAD")),
						not(containsString("988")), not(containsString("Mood")))));
	}

	@Test
	void theCheckInPagesAskWhatIsDueInThePatientsLanguageAndTakeEachOnce() throws Exception {

		var page = Tokens.browser("patient.grace", List.of(north), "patient");
		mvc.perform(get("/portal").with(page))
				.andExpect(content().string(containsString("A short check-in is due")));
		mvc.perform(get("/portal/check-in").with(page).header("Accept-Language", "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Poco interés o placer en hacer cosas"),
						containsString("Ningún día"), containsString("Casi todos los días"),
						not(containsString("Little interest")))));

		mvc.perform(post("/portal/check-in").with(page).with(csrf()).param("instrument", "PHQ2").param("item1", "7"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose one answer.")));
		mvc.perform(post("/portal/check-in").with(page).with(csrf()).param("instrument", "PHQ2").param("item1", "2")
				.param("item2", "2"))
				.andExpect(redirectedUrl("/portal/check-in"));
		mvc.perform(get("/portal/check-in").with(page))
				.andExpect(content().string(containsString("Thoughts that you would be better off dead")));
		// the same page sent again: the PHQ-2 is no longer due, so nothing more is stored
		mvc.perform(post("/portal/check-in").with(page).with(csrf()).param("instrument", "PHQ2").param("item1", "2")
				.param("item2", "2"))
				.andExpect(redirectedUrl("/portal/check-in"));
		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> screenings.of(grace))).hasSize(1);

		var phq9 = post("/portal/check-in").with(page).with(csrf()).param("instrument", "PHQ9");
		for (int item = 1; item <= 9; item++) {
			phq9.param("item" + item, "0");
		}
		mvc.perform(phq9).andExpect(redirectedUrl("/portal/check-in"));
		var gad7 = post("/portal/check-in").with(page).with(csrf()).param("instrument", "GAD7");
		for (int item = 1; item <= 7; item++) {
			gad7.param("item" + item, "1");
		}
		mvc.perform(gad7).andExpect(redirectedUrl("/portal"))
				.andExpect(flash().attribute("flash", "Thank you. Your answers are with your care team."));
		mvc.perform(get("/portal/check-in").with(page)).andExpect(redirectedUrl("/portal"));
		mvc.perform(get("/portal").with(page))
				.andExpect(content().string(not(containsString("A short check-in is due"))));
	}

	private MockHttpServletRequestBuilder answer(String instrument, String answers) {
		return asGrace(post("/api/me/screenings"))
				.content("{\"instrument\": \"%s\", \"answers\": %s}".formatted(instrument, answers));
	}

	private MockHttpServletRequestBuilder asGrace(MockHttpServletRequestBuilder request) {
		return request.contentType(MediaType.APPLICATION_JSON)
				.with(Tokens.bearer("patient.grace", List.of(north), "patient"));
	}
}
