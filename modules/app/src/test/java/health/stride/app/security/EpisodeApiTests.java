package health.stride.app.security;

import static org.hamcrest.Matchers.*;
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

import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * {@code POST /api/patients/{id}/discharge}: the patient's therapist discharges once (a replay
 * answers the same episode), bad input is a 400 problem that changes nothing, another clinic's or
 * another therapist's patient is a 404, and a discharged patient's writes are refused with 409.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EpisodeApiTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired Threads threads;

	String north, lake, maya, mayaUsername;

	@BeforeEach
	void mayaOfAlexAtNorth() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North Clinic").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake Clinic").tenant().value();
		mayaUsername = "patient.maya." + UUID.randomUUID().toString().substring(0, 8);
		maya = CurrentTenant.callAs(TenantId.of(north), () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), mayaUsername, "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			return id;
		}).id().toString();
	}

	@Test
	void theTherapistDischargesOnceAndTheRecordShowsIt() throws Exception {

		var body = """
				{"reason": "GOALS_MET", "summary": "Back to running three times a week."}""";
		mvc.perform(discharge(maya, body).with(alex()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.number").value(1))
				.andExpect(jsonPath("$.reason").value("GOALS_MET"))
				.andExpect(jsonPath("$.dischargedBy").value("pt.alex"))
				.andExpect(jsonPath("$.closedAt").value(notNullValue()));

		mvc.perform(get("/api/patients/" + maya).with(alex()))
				.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DISCHARGED"));

		// a retried request answers the same episode; another discharge is a conflict; neither opens a new episode
		mvc.perform(discharge(maya, body).with(alex())).andExpect(status().isOk()).andExpect(jsonPath("$.number").value(1));
		mvc.perform(discharge(maya, """
				{"reason": "PLATEAU", "summary": "Other words"}""").with(alex()))
				.andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(not(emptyString())));
		mvc.perform(get("/api/patients/" + maya + "/episodes").with(alex()))
				.andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(1)));
	}

	@Test
	void anotherClinicOrAnotherTherapistFindsNoSuchPatient() throws Exception {

		var body = """
				{"reason": "OTHER", "summary": "Moved away"}""";
		mvc.perform(discharge(maya, body).with(Tokens.bearer("pt.alex", List.of(lake), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(discharge(maya, body).with(Tokens.bearer("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(discharge(UUID.randomUUID().toString(), body).with(alex())).andExpect(status().isNotFound());
		mvc.perform(discharge(maya, body).with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isForbidden());
		mvc.perform(get("/api/patients/" + maya + "/episodes").with(Tokens.bearer("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(status().isNotFound());

		mvc.perform(get("/api/patients/" + maya).with(alex())).andExpect(jsonPath("$.status").value("ONBOARDING"));
	}

	@Test
	void refusesABadReasonAnOversizedSummaryOrANulWithAProblemAndChangesNothing() throws Exception {

		mvc.perform(discharge(maya, """
				{"reason": "NAPPING", "summary": "fine"}""").with(alex()))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(discharge(maya, """
				{"summary": "fine"}""").with(alex()))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(discharge(maya, "{\"reason\": \"OTHER\", \"summary\": \"" + "x".repeat(100_000) + "\"}").with(alex()))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("summary"));
		mvc.perform(discharge(maya, """
				{"reason": "OTHER", "summary": "a\\u0000b"}""").with(alex()))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("summary"));
		mvc.perform(discharge(maya, """
				{"reason": "OTHER", "summary": 42}""").with(alex()))
				.andExpect(status().isBadRequest());

		mvc.perform(get("/api/patients/" + maya).with(alex())).andExpect(jsonPath("$.status").value("ONBOARDING"));
	}

	@Test
	void aDischargedPatientsWritesAreRefusedWithAConflict() throws Exception {

		var thread = CurrentTenant.callAs(TenantId.of(north), () -> threads.open(new PatientId(UUID.fromString(maya))));
		mvc.perform(discharge(maya, """
				{"reason": "STOPPED_ATTENDING", "summary": "No sessions for six weeks."}""").with(alex()))
				.andExpect(status().isOk());

		var me = Tokens.bearer(mayaUsername, List.of(north), "patient");
		mvc.perform(post("/api/threads/" + thread + "/messages").with(me).contentType(MediaType.APPLICATION_JSON)
				.content("{\"body\": \"Can I come back?\"}"))
				.andExpect(status().isConflict()).andExpect(jsonPath("$.portalAccess").value("READ_ONLY"));
		mvc.perform(post("/api/me/sessions").with(me).contentType(MediaType.APPLICATION_JSON).content("""
				{"idempotencyKey": "k-12345678", "performedAt": "2026-11-30T10:00:00Z", "painBefore": 3, "painAfter": 3,
				 "symptomShift": "NONE", "exercises": []}"""))
				.andExpect(status().isConflict()).andExpect(jsonPath("$.portalAccess").value("READ_ONLY"));
		mvc.perform(post("/api/me/red-flags").with(me).contentType(MediaType.APPLICATION_JSON)
				.content("{\"fever\": true}"))
				.andExpect(status().isConflict());
		mvc.perform(get("/api/patients/" + maya + "/episodes").with(me))
				.andExpect(status().isOk()).andExpect(jsonPath("$[0].reason").value("STOPPED_ATTENDING"));
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder discharge(String patient,
			String body) {
		return post("/api/patients/" + patient + "/discharge").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private org.springframework.test.web.servlet.request.RequestPostProcessor alex() {
		return Tokens.bearer("pt.alex", List.of(north), "therapist");
	}
}
