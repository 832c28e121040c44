package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.app.security.Tokens;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Remote therapeutic monitoring on the pages: the therapist of record confirms the set-up day and
 * logs time on the chart (whose open view beats in the background), the clinic's page lists the
 * patient under the codes reached, and its administrators download the biller's file (audited, no
 * name in any URL). Bad input is answered on the chart and stores nothing; another clinic's patient
 * does not exist; patients, sponsors and another therapist see nothing of it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MonitoringPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired JdbcClient jdbc;
	@Autowired PlatformTransactionManager transactions;

	TenantId clinic, otherClinic;
	PatientId maya, ivy;
	RequestPostProcessor ptAlex, ptSam, admin, patient, sponsor, ptJordan;
	LocalDate today;

	@BeforeEach
	void alexCaresForMaya() {
		clinic = clinics.register(TenantId.of("rtm-" + UUID.randomUUID()), "North").tenant();
		otherClinic = clinics.register(TenantId.of("rtm-other-" + UUID.randomUUID()), "Lake").tenant();
		maya = CurrentTenant.callAs(clinic, () -> {
			var alex = clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST,
					List.of(new License("WA", LicenseKind.LICENSE, "PT 1", LocalDate.now().plusYears(1))));
			clinicians.add("pt.sam", "Sam Patel, PT", ClinicianRole.THERAPIST,
					List.of(new License("WA", LicenseKind.LICENSE, "PT 2", LocalDate.now().plusYears(1))));
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					java.time.LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(alex.id(), "pt.alex", "Alex Morgan, PT"), null);
			return id;
		});
		ivy = CurrentTenant.callAs(otherClinic, () -> {
			var jordan = clinicians.add("pt.jordan", "Jordan Reyes, PT", ClinicianRole.THERAPIST,
					List.of(new License("WA", LicenseKind.LICENSE, "PT 3", LocalDate.now().plusYears(1))));
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.ivy", "Ivy", "Chen",
					java.time.LocalDate.of(1993, 1, 27), "ivy@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(jordan.id(), "pt.jordan", "Jordan Reyes, PT"), null);
			return id;
		});
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(clinic,
				"select count(*) from careteams.caseload_entry where therapist_username = 'pt.alex'") == 1);
		ptAlex = Tokens.browser("pt.alex", List.of(clinic.value()), "therapist");
		ptSam = Tokens.browser("pt.sam", List.of(clinic.value()), "therapist");
		admin = Tokens.browser("admin.nora", List.of(clinic.value()), "clinic-admin");
		patient = Tokens.browser("patient.maya", List.of(clinic.value()), "patient");
		sponsor = Tokens.browser("sponsor.acme", List.of(clinic.value()), "sponsor-admin");
		ptJordan = Tokens.browser("pt.jordan", List.of(otherClinic.value()), "therapist");
		today = LocalDate.now(clinics.find(clinic).orElseThrow().timeZone());
	}

	@Test
	void theTherapistRecordsOnTheChartAndTheClinicPageAndFileListThePatient() throws Exception {

		mvc.perform(get("/patients/{p}", maya.id()).with(ptAlex))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Remote monitoring"), containsString("Not set up yet"),
						containsString("Log time"), containsString("hx-trigger=\"every 60s\""), containsString("data-while-visible"),
						containsString("/js/heartbeat.js"), containsString("/patients/" + maya.id() + "/monitoring/beat"),
						containsString("The clinic is responsible for billing decisions."))));

		mvc.perform(post("/patients/{p}/monitoring/set-up", maya.id()).with(ptAlex).with(csrf()).param("date", today.toString()))
				.andExpect(redirectedUrl("/patients/" + maya.id() + "#monitoring"))
				.andExpect(flash().attribute("flash", "The set-up day is saved."));
		mvc.perform(post("/patients/{p}/monitoring/time", maya.id()).with(ptAlex).with(csrf()).param("activity", "CALL")
				.param("minutes", "25").param("date", today.toString()))
				.andExpect(redirectedUrl("/patients/" + maya.id() + "#monitoring"))
				.andExpect(flash().attribute("flash", "25 minutes saved."));

		mvc.perform(get("/patients/{p}", maya.id()).with(ptAlex))
				.andExpect(content().string(allOf(containsString("Period 1:"), containsString("calls 25 min"),
						containsString("98975 set-up"), containsString("98980 20 minutes"))));

		mvc.perform(get("/patients/monitoring").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Remote therapeutic monitoring"),
						containsString("Okafor, Maya"), containsString("Alex Morgan, PT"), containsString("98980 20 minutes"),
						containsString("98977"), containsString("98981"), containsString("The clinic is responsible for billing decisions."),
						containsString("href=\"/patients/monitoring.csv?on=" + today + "\""))));
		mvc.perform(get("/patients/monitoring").with(ptAlex))
				.andExpect(content().string(allOf(containsString("Okafor, Maya"), not(containsString("/patients/monitoring.csv")))));
		mvc.perform(get("/patients/monitoring").with(ptSam))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("Okafor"))));

		var file = mvc.perform(get("/patients/monitoring.csv").param("on", today.toString()).with(admin))
				.andExpect(status().isOk())
				.andExpect(content().contentType("text/csv;charset=UTF-8"))
				.andExpect(header().string("Content-Disposition", "attachment; filename=\"rtm-" + today + ".csv\""))
				.andExpect(header().string("Cache-Control", "no-store"))
				.andReturn().getResponse().getContentAsString();
		assertThat(file.lines().toList()).hasSize(2);
		assertThat(file.lines().toList().get(1)).startsWith("\"" + maya.id() + "\",\"Okafor\",\"Maya\",\"1986-04-12\"")
				.endsWith("\"0\",\"25\",\"1\",\"0\",\"1\",\"0\"");
		assertThat(count(clinic, "select count(*) from platform.audit_event where action = 'EXPORT' and patient_id = '"
				+ maya.id() + "' and resource = 'monitoring-export'")).isOne();

		for (var refused : List.of(ptAlex, ptSam)) {
			mvc.perform(get("/patients/monitoring.csv").with(refused)).andExpect(status().isForbidden());
		}
		for (var refused : List.of(patient, sponsor)) {
			mvc.perform(get("/patients/monitoring").with(refused)).andExpect(status().isForbidden());
			mvc.perform(get("/patients/monitoring.csv").with(refused)).andExpect(status().isForbidden());
			mvc.perform(post("/patients/{p}/monitoring/time", maya.id()).with(refused).with(csrf()).param("activity", "CALL")
					.param("minutes", "5").param("date", today.toString())).andExpect(status().isForbidden());
		}
		assertThat(count(clinic, "select coalesce(sum(minutes), 0) from careteams.treatment_time")).isEqualTo(25);
	}

	@Test
	void theOpenChartsBeatCountsAMinuteOfChartReview() throws Exception {

		var view = UUID.randomUUID();
		mvc.perform(post("/patients/{p}/monitoring/beat", maya.id()).with(ptAlex).with(csrf()).param("view", view.toString())
				.header("X-Stride-Poll", "true"))
				.andExpect(status().isNoContent());
		mvc.perform(post("/patients/{p}/monitoring/beat", maya.id()).with(ptAlex).with(csrf()).param("view", view.toString()))
				.andExpect(status().isNoContent());
		mvc.perform(post("/patients/{p}/monitoring/beat", maya.id()).with(ptAlex).with(csrf()).param("view", "not-a-view"))
				.andExpect(status().isBadRequest());
		mvc.perform(post("/patients/{p}/monitoring/beat", maya.id()).with(ptSam).with(csrf()).param("view", view.toString()))
				.andExpect(status().isNotFound());

		assertThat(count(clinic, "select coalesce(sum(minutes), 0) from careteams.treatment_time where activity = 'CHART_REVIEW'"
				+ " and source = 'TIMED'")).isOne();
	}

	@Test
	void theHeartbeatIsHeldBackWhileThePageIsHidden() throws Exception {

		mvc.perform(get("/js/heartbeat.js").with(ptAlex))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("htmx:confirm"), containsString("[data-while-visible]"),
						containsString("document.visibilityState !== 'visible'"), containsString("preventDefault()"))));
	}

	@Test
	void refusesAnotherSetUpDayOnTheChartOnceItsFirstPeriodEnded() throws Exception {

		var setUp = today.minusDays(30);
		CurrentTenant.runAs(clinic, () -> new TransactionTemplate(transactions).executeWithoutResult(tx -> jdbc.sql("""
				insert into careteams.monitoring_set_up (patient_id, episode, set_up_on, confirmed_by, confirmed_at)
				select ?, 1, ?, id, now() from careteams.clinician where username = 'pt.alex'""")
				.params(maya.id(), setUp).update()));

		mvc.perform(post("/patients/{p}/monitoring/set-up", maya.id()).with(ptAlex).with(csrf()).param("date", today.toString()))
				.andExpect(redirectedUrl("/patients/" + maya.id() + "#monitoring"))
				.andExpect(flash().attribute("flash", containsString("The set-up day can no longer change")));
		mvc.perform(get("/patients/{p}", maya.id()).with(ptAlex))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("The set-up day is fixed"),
						not(containsString("/patients/" + maya.id() + "/monitoring/set-up")), containsString("Log time"))));

		assertThat(count(clinic, "select count(*) from careteams.monitoring_set_up where set_up_on = '" + setUp + "'"))
				.isOne();
	}

	@Test
	void answersBadInputOnTheChartAndStoresNothing() throws Exception {

		var nul = "1\u00002";
		var huge = "9".repeat(100_000);
		var bad = List.of(
				List.of("CALL", "abc", today.toString()), List.of("CALL", "0", today.toString()),
				List.of("CALL", "121", today.toString()),
				List.of("DROP TABLE", "10", today.toString()), List.of("CALL", "10", "2026-13-45"),
				List.of("CALL", "10", today.plusDays(1).toString()), List.of("CALL", "10", today.minusDays(91).toString()),
				List.of("CALL", "10", "2026-12-02T10:00"));
		for (var form : bad) {
			mvc.perform(post("/patients/{p}/monitoring/time", maya.id()).with(ptAlex).with(csrf()).param("activity", form.get(0))
					.param("minutes", form.get(1)).param("date", form.get(2)))
					.andExpect(redirectedUrl("/patients/" + maya.id() + "#monitoring"))
					.andExpect(flash().attribute("flash", not(emptyOrNullString())));
		}
		mvc.perform(post("/patients/{p}/monitoring/time", maya.id()).with(ptAlex).with(csrf()))
				.andExpect(flash().attribute("flash", containsString("Choose what you did.")));
		for (var form : List.of(List.of("CALL", nul, today.toString()), List.of("CALL", "10", nul),
				List.of("CALL", huge, today.toString()), List.of(huge, "10", today.toString()))) {
			mvc.perform(post("/patients/{p}/monitoring/time", maya.id()).with(ptAlex).with(csrf()).param("activity", form.get(0))
					.param("minutes", form.get(1)).param("date", form.get(2)))
					.andExpect(status().isBadRequest()); // NUL characters and huge values are refused before any page
		}
		for (var date : List.of("", "yesterday", today.minusDays(2).toString(), today.plusDays(1).toString())) {
			mvc.perform(post("/patients/{p}/monitoring/set-up", maya.id()).with(ptAlex).with(csrf()).param("date", date))
					.andExpect(redirectedUrl("/patients/" + maya.id() + "#monitoring"))
					.andExpect(flash().attribute("flash", "Choose a day in this episode of care, no later than today."));
		}
		mvc.perform(post("/patients/{p}/monitoring/set-up", maya.id()).with(ptAlex).with(csrf()).param("date", huge))
				.andExpect(status().isBadRequest());
		for (var on : List.of("soon", "2026-02-30", today.plusDays(1).toString(), today.minusYears(3).toString())) {
			mvc.perform(get("/patients/monitoring").param("on", on).with(admin))
					.andExpect(status().isOk())
					.andExpect(content().string(containsString("Showing today instead.")));
			mvc.perform(get("/patients/monitoring.csv").param("on", on).with(admin)).andExpect(status().isBadRequest());
		}

		assertThat(count(clinic, "select count(*) from careteams.treatment_time")).isZero();
		assertThat(count(clinic, "select count(*) from careteams.monitoring_set_up")).isZero();
	}

	@Test
	void anotherClinicsPatientDoesNotExist() throws Exception {

		mvc.perform(post("/patients/{p}/monitoring/time", ivy.id()).with(ptAlex).with(csrf()).param("activity", "CALL")
				.param("minutes", "10").param("date", today.toString()))
				.andExpect(status().isNotFound());
		mvc.perform(post("/patients/{p}/monitoring/set-up", ivy.id()).with(ptAlex).with(csrf()).param("date", today.toString()))
				.andExpect(status().isNotFound());
		mvc.perform(post("/patients/{p}/monitoring/beat", ivy.id()).with(ptAlex).with(csrf()).param("view", UUID.randomUUID().toString()))
				.andExpect(status().isNotFound());
		mvc.perform(post("/patients/{p}/monitoring/time", maya.id()).with(ptJordan).with(csrf()).param("activity", "CALL")
				.param("minutes", "10").param("date", today.toString()))
				.andExpect(status().isNotFound());

		assertThat(count(clinic, "select count(*) from careteams.treatment_time")).isZero();
		assertThat(count(otherClinic, "select count(*) from careteams.treatment_time")).isZero();
	}

	long count(TenantId tenant, String sql) {
		return CurrentTenant.callAs(tenant, () -> new TransactionTemplate(transactions)
				.execute(tx -> jdbc.sql(sql).query(Long.class).single()));
	}
}
