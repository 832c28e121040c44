package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import health.stride.app.security.Tokens;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientStatus;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The platform administrator's page without Keycloak (creating a clinic is tested end to end):
 * counts and no person, friendly field errors that create nothing, suspension and reactivation
 * audited, and what a suspended clinic's members get on pages and the API.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ClinicPlatformPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired PatientDirectory patients;
	@Autowired SponsorManagement sponsors;
	@Autowired JdbcClient jdbc;

	final RequestPostProcessor root = Tokens.browser("root.ops", List.of(), "platform-admin");
	TenantId clinic;

	@BeforeEach
	void aClinicWithPeople() {
		clinic = clinics.register(TenantId.of("counted-" + UUID.randomUUID().toString().substring(0, 8)), "Counted Physio",
				ZoneId.of("America/Chicago"), List.of("TX", "OK")).tenant();
		CurrentTenant.runAs(clinic, () -> {
			clinicians.add("pt.counted", "Cora Counted, PT", ClinicianRole.THERAPIST, List.of());
			clinicians.add("coach.counted", "Cal Counted", ClinicianRole.COACH, List.of());
			sponsors.register(SponsorCode.of("COUNTED"), "Counted Freight", SponsorKind.EMPLOYER, null, null);
			var active = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.zed", "Zed", "Quill",
					LocalDate.of(1970, 1, 2), "zed@example.org", null, "TX", "America/Chicago"));
			patients.changeStatus(active, PatientStatus.ACTIVE, "test");
			patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.yara", "Yara", "Quill",
					LocalDate.of(1971, 1, 2), "yara@example.org", null, "TX", "America/Chicago"));
		});
	}

	@Test
	void listsEveryClinicWithCountsTimeZoneStatesAndStatusButNoPerson() throws Exception {

		var page = mvc.perform(get("/platform").with(root)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();

		var row = page.substring(page.indexOf("<td>" + clinic.value() + "</td>"));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(row.replaceAll("\\s+", " ")).contains("<td>2</td> <td>1</td> <td>1</td> <td>America/Chicago</td> <td>OK, TX</td> <td>Active</td>");
		assertThat(page).doesNotContain("Zed").doesNotContain("Quill").doesNotContain("Cora").doesNotContain("zed@example.org");
	}

	@Test
	void explainsWhatIsWrongWithANewClinicAndCreatesNothing() throws Exception {

		var alias = "Bad Alias " + UUID.randomUUID();
		mvc.perform(post("/platform/clinics").with(root).with(csrf()).param("name", "").param("alias", alias)
				.param("timeZone", "Mars/Olympus").param("states", "ZZ").param("admin.firstName", "x".repeat(61))
				.param("admin.lastName", "Lee").param("admin.email", "not-an-email"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Give the clinic&#39;s name")))
				.andExpect(content().string(containsString("Give an alias of 1 to 63 lower-case letters")))
				.andExpect(content().string(containsString("Choose a time zone such as America/Chicago.")))
				.andExpect(content().string(containsString("Choose at least one US state")))
				.andExpect(content().string(containsString("Give the administrator&#39;s first name")))
				.andExpect(content().string(containsString("Give the administrator&#39;s email address.")));

		// what no form field could hold is refused before the page sees it, as on every page
		mvc.perform(post("/platform/clinics").with(root).with(csrf()).param("name", "x".repeat(100_000))
				.param("alias", "long-" + UUID.randomUUID()).param("timeZone", "America/Chicago").param("states", "TX")
				.param("admin.firstName", "Ann").param("admin.lastName", "Lee").param("admin.email", "ann@example.org"))
				.andExpect(status().isBadRequest());
		mvc.perform(post("/platform/clinics").with(root).with(csrf()).param("name", "Nul\u0000Physio")
				.param("alias", "nul-" + UUID.randomUUID()).param("states", "TX"))
				.andExpect(status().isBadRequest());

		assertThat(clinics.all()).noneMatch(it -> it.name().isEmpty() || it.tenant().value().startsWith("long-")
				|| it.tenant().value().startsWith("nul-"));
	}

	@Test
	void suspendsAndReactivatesAClinicAndRecordsBoth() throws Exception {

		mvc.perform(post("/platform/clinics/{alias}/suspension", clinic.value()).with(root).with(csrf()))
				.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/platform"));
		assertThat(clinics.find(clinic).orElseThrow().isSuspended()).isTrue();
		mvc.perform(get("/platform").with(root)).andExpect(content().string(containsString("Suspended since")))
				.andExpect(content().string(containsString("Reactivate Counted Physio")));

		mvc.perform(post("/platform/clinics/{alias}/reactivation", clinic.value()).with(root).with(csrf()))
				.andExpect(status().is3xxRedirection());
		assertThat(clinics.find(clinic).orElseThrow().isSuspended()).isFalse();

		assertThat(jdbc.sql("select resource from platform.platform_audit_event where actor_username = 'root.ops'"
				+ " and resource like ? order by occurred_at").param("clinic " + clinic.value() + " %").query(String.class).list())
				.containsExactly("clinic " + clinic.value() + " suspended", "clinic " + clinic.value() + " reactivated");

		mvc.perform(post("/platform/clinics/{alias}/suspension", "no-such-clinic").with(root).with(csrf()))
				.andExpect(status().isNotFound());
	}

	@Test
	void showsASuspendedClinicsMembersOnlyThePausedPageAndRefusesTheirApiCallsUntilReactivated() throws Exception {

		jdbc.sql("update platform.clinic set support_phone = '+1 512 555 0100', support_email = 'help@counted.example'"
				+ " where id = ?").param(clinic.value()).update();
		var therapist = Tokens.browser("pt.counted", List.of(clinic.value()), "therapist");
		var bearer = Tokens.bearer("pt.counted", List.of(clinic.value()), "therapist");

		mvc.perform(post("/platform/clinics/{alias}/suspension", clinic.value()).with(root).with(csrf()));

		mvc.perform(get("/caseload").with(therapist)).andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/paused"));
		mvc.perform(post("/messages").with(therapist).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(get("/paused").with(therapist)).andExpect(status().isOk())
				.andExpect(content().string(containsString("Counted Physio: access paused")))
				.andExpect(content().string(containsString("+1 512 555 0100")))
				.andExpect(content().string(containsString("help@counted.example")));
		mvc.perform(get("/api/caseload").with(bearer)).andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.detail").value(containsString("access to Stride is paused")));

		assertThat(CurrentTenant.callAs(clinic, () -> clinicians.all())).hasSize(2);

		mvc.perform(post("/platform/clinics/{alias}/reactivation", clinic.value()).with(root).with(csrf()));

		mvc.perform(get("/caseload").with(therapist)).andExpect(status().isOk());
		mvc.perform(get("/api/caseload").with(bearer)).andExpect(status().isOk());
		mvc.perform(get("/paused").with(therapist)).andExpect(redirectedUrl("/"));
	}
}
