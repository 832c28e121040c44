package health.stride.app.security;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
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

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@SpringBootTest
@AutoConfigureMockMvc
class SecurityTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;

	String north, lake;
	ClinicianId northTherapist;

	@BeforeEach
	void twoClinics() {

		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North Clinic").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake Clinic").tenant().value();

		northTherapist = CurrentTenant.callAs(TenantId.of(north),
				() -> clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST, List.of(
						new License("WA", LicenseKind.LICENSE, "PT 1", LocalDate.now().plusYears(1)),
						new License("OR", LicenseKind.LICENSE, "PT 2", LocalDate.now().plusYears(1)))));
	}

	@Test
	void describesTheCallerFromTheirToken() throws Exception {

		mvc.perform(get("/api/me").with(Tokens.bearer("pt.alex", List.of(north), "therapist", "default-roles-stride")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.username").value("pt.alex"))
				.andExpect(jsonPath("$.clinic").value(north))
				.andExpect(jsonPath("$.roles").value(contains("therapist")))
				.andExpect(jsonPath("$.clinicianId").value(northTherapist.toString()))
				.andExpect(jsonPath("$.patientId").value(nullValue()));
	}

	@Test
	void describesAPlatformAdministratorWithoutAClinic() throws Exception {

		mvc.perform(get("/api/me").with(Tokens.bearer("root.ops", List.of(), "platform-admin")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.clinic").value(nullValue()))
				.andExpect(jsonPath("$.roles").value(contains("platform-admin")));
	}

	@Test
	void answersAnotherClinicsRecordWithNotFound() throws Exception {

		var path = "/api/clinicians/" + northTherapist;

		mvc.perform(get(path).with(Tokens.bearer("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		mvc.perform(get(path).with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.username").value("pt.alex"));
	}

	@Test
	void takesTheClinicOnlyFromTheToken() throws Exception {

		mvc.perform(get("/api/clinicians/" + northTherapist)
				.header("X-Tenant-Id", north).header("X-Organization", north).param("clinic", north)
				.with(Tokens.bearer("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(status().isNotFound());
	}

	@Test
	void turnsAwayUsersWithoutExactlyOneClinic() throws Exception {

		mvc.perform(get("/api/me").with(Tokens.bearer("pt.nowhere", List.of(), "therapist")))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.detail").value(containsString("not linked to exactly one clinic")));

		mvc.perform(get("/api/me").with(Tokens.bearer("pt.both", List.of(north, lake), "therapist")))
				.andExpect(status().isForbidden());

		mvc.perform(get("/api/me").with(Tokens.bearer("pt.elsewhere", List.of("not-a-clinic"), "therapist")))
				.andExpect(status().isForbidden());

		mvc.perform(get("/caseload").with(Tokens.browser("pt.both", List.of(north, lake), "therapist")))
				.andExpect(status().isForbidden())
				.andExpect(request().attribute(AccessDenials.DENIAL_REASON,
						hasProperty("codes", hasItemInArray("app.error.not-one-clinic"))));
	}

	@Test
	void refusesAPatientTheCaseload() throws Exception {

		mvc.perform(get("/api/caseload").with(Tokens.bearer("patient.maya", List.of(north), "patient")))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		mvc.perform(get("/caseload").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isForbidden());
	}

	@Test
	void answersAMissingTokenWithUnauthorizedProblem() throws Exception {

		mvc.perform(get("/api/me"))
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(401));
	}

	@Test
	void sendsVisitorsWithoutASessionToKeycloak() throws Exception {

		mvc.perform(get("/caseload"))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/oauth2/authorization/keycloak"));

		var authorization = mvc.perform(get("/oauth2/authorization/keycloak"))
				.andExpect(status().is3xxRedirection())
				.andReturn().getResponse().getRedirectedUrl();

		assertThat(authorization).startsWith("http://localhost:8180/realms/stride/protocol/openid-connect/auth")
				.contains("response_type=code", "client_id=stride-web", "code_challenge=",
						"code_challenge_method=S256", "scope=openid");
	}

	@Test
	void landsEachRoleOnItsHome() throws Exception {

		record Landing(String role, String home) {}

		for (var landing : List.of(new Landing("therapist", "/caseload"), new Landing("coach", "/caseload"),
				new Landing("patient", "/portal"), new Landing("sponsor-admin", "/sponsor"),
				new Landing("clinic-admin", "/admin"))) {

			mvc.perform(get("/").with(Tokens.browser("someone", List.of(north), landing.role())))
					.andExpect(redirectedUrl(landing.home()));
			mvc.perform(get(landing.home()).with(Tokens.browser("someone", List.of(north), landing.role())))
					.andExpect(status().isOk())
					.andExpect(content().string(containsString("Sign out")));
		}

		mvc.perform(get("/").with(Tokens.browser("root.ops", List.of(), "platform-admin")))
				.andExpect(redirectedUrl("/platform"));
		mvc.perform(get("/platform").with(Tokens.browser("root.ops", List.of(), "platform-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("North Clinic")));
	}

	@Test
	void showsTheClinicAdministratorTheirOwnCliniciansOnly() throws Exception {

		mvc.perform(get("/admin").with(Tokens.browser("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(content().string(containsString("Alex Morgan, PT")));
		mvc.perform(get("/admin").with(Tokens.browser("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(content().string(not(containsString("Alex Morgan, PT"))));
	}

	@Test
	void protectsPagesWithStrictHeaders() throws Exception {

		mvc.perform(get("/caseload").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", containsString("no-store")))
				.andExpect(header().string("X-Frame-Options", "DENY"))
				.andExpect(header().string("Content-Security-Policy", allOf(containsString("script-src 'self'"),
						containsString("frame-ancestors 'none'"), not(containsString("unsafe-inline")))))
				.andExpect(header().exists("X-Request-Id"));
	}

	@Test
	void showsOperationalEndpointsBeyondHealthOnlyToPlatformAdministrators() throws Exception {

		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		mvc.perform(get("/actuator/modulith").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isForbidden());
		mvc.perform(get("/actuator/modulith").with(Tokens.browser("root.ops", List.of(), "platform-admin")))
				.andExpect(status().isOk());
	}

	@Test
	void requiresACsrfTokenToSignOut() throws Exception {

		mvc.perform(post("/logout").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isForbidden());

		mvc.perform(post("/logout").with(Tokens.browser("pt.alex", List.of(north), "therapist")).with(csrf()))
				.andExpect(status().is3xxRedirection());
	}
}
