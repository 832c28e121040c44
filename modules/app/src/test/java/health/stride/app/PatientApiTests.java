package health.stride.app;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The patient record, consents, intake and red flags over the JSON API, as the contract gives them. */
@SpringBootTest
@AutoConfigureMockMvc
class PatientApiTests {

	static final String INTAKE = """
			{"painRegions": ["low-back", "left-leg"], "painNow": %d, "painDuration": "CHRONIC",
			 "worseWith": ["bending-back"], "diagnoses": ["spinal-stenosis"], "goals": "Walk the dog for half an hour",
			 "psfs": [{"activity": "Walking the dog", "score": 3}],
			 "redFlags": {"bowelBladder": false, "saddleNumbness": false, "fever": false, "weightLoss": false,
			              "progressiveWeakness": false, "trauma": false, "spreading": false, "cancerHistory": false,
			              "immuneSuppressed": false, "nightPain": false}}""";

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;

	String north, lake;
	PatientId maya;

	@BeforeEach
	void aPatientWithACareTeam() {

		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();

		maya = CurrentTenant.callAs(TenantId.of(north), () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", "+1 206 555 0101", "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"),
					new CareTeam.Member(UUID.randomUUID(), "coach.rio", "Rio Santos"));
			return id;
		});
	}

	@Test
	void theRecordIsForThePatientTheirCareTeamAndAdminsAndA404ForEveryoneElse() throws Exception {

		mvc.perform(get("/api/patients/" + maya).with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.patientId").value(maya.toString()))
				.andExpect(jsonPath("$.state").value("WA"))
				.andExpect(jsonPath("$.status").value("ONBOARDING"))
				.andExpect(jsonPath("$.careTeam.therapist.displayName").value("Alex Morgan, PT"))
				.andExpect(jsonPath("$.careTeam.coach.displayName").value("Rio Santos"))
				.andExpect(jsonPath("$.intakeCompleted").value(false));
		mvc.perform(get("/api/patients/" + maya).with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk());
		mvc.perform(get("/api/patients/" + maya).with(Tokens.bearer("coach.rio", List.of(north), "coach")))
				.andExpect(status().isOk());
		mvc.perform(get("/api/patients/" + maya).with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isOk());

		for (var stranger : List.of(get("/api/patients/" + maya).with(Tokens.bearer("pt.sam", List.of(north), "therapist")),
				get("/api/patients/" + maya).with(Tokens.bearer("patient.leo", List.of(north), "patient")),
				get("/api/patients/" + maya).with(Tokens.bearer("admin.lee", List.of(lake), "clinic-admin")),
				get("/api/patients/" + maya).with(Tokens.bearer("patient.maya", List.of(lake), "patient")),
				get("/api/patients/" + UUID.randomUUID()).with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))) {
			mvc.perform(stranger).andExpect(status().isNotFound())
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.detail").value("No such patient."));
		}
	}

	@Test
	void showsTheConsentsPageAndTheIntakeProblemsInSpanishToAReaderOfSpanish() throws Exception {

		mvc.perform(get("/portal/consents").header("Accept-Language", "es")
				.with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.allOf(
						org.hamcrest.Matchers.containsString("Antes de empezar"),
						org.hamcrest.Matchers.containsString("Consentimiento para recibir atención por telesalud"),
						org.hamcrest.Matchers.containsString("Aceptar y continuar"),
						org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Before we start")))));

		mvc.perform(asMaya(post("/api/me/consents")).header("Accept-Language", "es").content("{\"document\": \"COOKIES\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[?(@.field == 'version')].message")
						.value("Indique la versión del documento que acepta."));
		mvc.perform(asMaya(post("/api/me/intake")).header("Accept-Language", "es").content(INTAKE.formatted(4)))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Primero acepte: consentimiento")));
	}

	@Test
	void theIntakeNeedsTheConsentsThenValidAnswersAndIsTakenOnce() throws Exception {

		mvc.perform(asMaya(post("/api/me/intake")).content(INTAKE.formatted(4)))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.outstandingConsents[0]").value("TELEHEALTH"))
				.andExpect(jsonPath("$.outstandingConsents[1]").value("PRIVACY"));

		mvc.perform(asMaya(get("/api/me/consents")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.outstanding.length()").value(2))
				.andExpect(jsonPath("$.outstanding[0].version").value("2026-11-01"));
		mvc.perform(asMaya(post("/api/me/consents")).content("{\"document\": \"PRIVACY\", \"version\": \"2020-01-01\"}"))
				.andExpect(status().isConflict());
		mvc.perform(asMaya(post("/api/me/consents")).content("{\"document\": \"COOKIES\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("document", "version")));
		for (var document : List.of("TELEHEALTH", "PRIVACY")) {
			mvc.perform(asMaya(post("/api/me/consents")).content(
					"{\"document\": \"%s\", \"version\": \"2026-11-01\"}".formatted(document)))
					.andExpect(status().isNoContent());
		}

		mvc.perform(asMaya(post("/api/me/intake")).content(INTAKE.formatted(11)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors.length()").value(1))
				.andExpect(jsonPath("$.errors[0].field").value("painNow"))
				.andExpect(jsonPath("$.errors[0].message").value("Use a number from 0 to 10."));
		mvc.perform(asMaya(post("/api/me/intake")).content("{}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[?(@.field == 'redFlags.bowelBladder')]").exists());
		mvc.perform(asMaya(get("/api/me/intake"))).andExpect(jsonPath("$.nextStep").value(1));

		mvc.perform(asMaya(post("/api/me/intake")).content(INTAKE.formatted(4)))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.completed").value(true))
				.andExpect(jsonPath("$.diagnoses[0]").value("spinal-stenosis"));
		mvc.perform(asMaya(post("/api/me/intake")).content(INTAKE.formatted(4)))
				.andExpect(status().isConflict());

		mvc.perform(get("/api/patients/" + maya).with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(jsonPath("$.intakeCompleted").value(true))
				.andExpect(jsonPath("$.status").value("ACTIVE"));
	}

	@Test
	void aNewSymptomIsReportedWithItsUrgency() throws Exception {

		mvc.perform(asMaya(post("/api/me/red-flags")).content("{}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("redFlags"));
		mvc.perform(asMaya(post("/api/me/red-flags")).content("{\"headache\": true}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("redFlags.headache"));

		mvc.perform(asMaya(post("/api/me/red-flags")).content("{\"nightPain\": true, \"weightLoss\": false}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.emergency").value(false))
				.andExpect(jsonPath("$.symptoms[0].urgency").value("SAME_DAY"));
		mvc.perform(asMaya(post("/api/me/red-flags")).content("{\"fever\": true, \"weightLoss\": true}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.emergency").value(true))
				.andExpect(jsonPath("$.symptoms[*].urgency").value(org.hamcrest.Matchers.everyItem(
						org.hamcrest.Matchers.is("EMERGENCY"))));
		mvc.perform(asMaya(post("/api/me/red-flags")).content("{\"saddleNumbness\": true}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.emergency").value(true));

		mvc.perform(get("/api/patients/" + maya).with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(jsonPath("$.openRedFlags").value(3));

		// the portal's guidance puts fever and weight loss under the emergency department, night pain under "today"
		var page = mvc.perform(get("/portal/urgent").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		var emergency = page.substring(page.indexOf("class=\"urgent\""), page.indexOf("class=\"same-day\""));
		org.assertj.core.api.Assertions.assertThat(emergency).contains("Go to an emergency department now",
				"A fever together with your back pain", "Losing weight without trying", "an infection");
		org.assertj.core.api.Assertions.assertThat(page.substring(page.indexOf("class=\"same-day\"")))
				.contains("Pain at night").doesNotContain("fever");
	}

	@Test
	void aSignedInUserWithoutARecordIsTold() throws Exception {
		mvc.perform(get("/api/me/intake").with(Tokens.bearer("patient.nobody", List.of(north), "patient")))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.detail").value("There is no patient record for this account."));
	}

	private MockHttpServletRequestBuilder asMaya(MockHttpServletRequestBuilder request) {
		return request.with(Tokens.bearer("patient.maya", List.of(north), "patient")).contentType(MediaType.APPLICATION_JSON);
	}
}
