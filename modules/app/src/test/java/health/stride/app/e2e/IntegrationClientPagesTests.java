package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import health.stride.app.security.IntegrationClients;
import health.stride.app.security.Tokens;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditEvent;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The clinic administrator makes, renews and deletes the clinic's integration client on the settings page,
 * against the real Keycloak: the secret shows once, works at the token endpoint, stops working when renewed,
 * and each change is in the audit trail.
 */
class IntegrationClientPagesTests extends EndToEndTestSupport {

	private static final Pattern SECRET = Pattern.compile("id=\"integration-secret\">([^<]+)<");

	@Autowired WebApplicationContext context;
	@Autowired ClinicRegistry clinics;
	@Autowired IntegrationClients integrationClients;
	@Autowired AuditTrail audit;

	MockMvc mvc;
	TenantId clinic;
	RequestPostProcessor admin;
	String clientId;

	@BeforeEach
	void aClinicWithoutIntegrationClient() {
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
		clinic = clinics.register(TenantId.of("fhirpage-" + UUID.randomUUID().toString().substring(0, 8)), "Page").tenant();
		admin = Tokens.browser("admin.page", List.of(clinic.value()), "clinic-admin");
		clientId = "stride-fhir-" + clinic.value();
	}

	@Test
	void theAdministratorCreatesRenewsAndDeletesTheClientSeeingEachSecretOnce() throws Exception {

		mvc.perform(get("/admin/settings").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Your clinic has no integration client."),
						containsString("http://localhost/fhir"),
						containsString(TestKeycloak.server().issuer() + "/protocol/openid-connect/token"),
						containsString("Create the integration client"), not(containsString("integration-secret")))));

		var created = mvc.perform(post("/admin/settings/integration-client").with(admin).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", containsString("no-store")))
				.andExpect(content().string(allOf(containsString("The integration client was created."),
						containsString(clientId), containsString("Stride does not keep it"))))
				.andReturn().getResponse().getContentAsString();
		var secret = secretIn(created);
		assertThat(FhirCalls.askForClientToken(clientId, secret).statusCode()).isEqualTo(200);

		// shown once: the page names the client but never its secret again
		mvc.perform(get("/admin/settings").with(admin))
				.andExpect(content().string(allOf(containsString(clientId), containsString("Issue a new secret"),
						not(containsString(secret)), not(containsString("integration-secret")))));

		mvc.perform(post("/admin/settings/integration-client").with(admin).with(csrf()))
				.andExpect(redirectedUrl("/admin/settings"))
				.andExpect(flash().attribute("integrationError", containsString("has an integration client already")));

		var renewed = secretIn(mvc.perform(post("/admin/settings/integration-client/secret").with(admin).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("A new secret was issued")))
				.andReturn().getResponse().getContentAsString());
		assertThat(renewed).isNotEqualTo(secret);
		assertThat(FhirCalls.askForClientToken(clientId, secret).statusCode()).as("the old secret").isEqualTo(401);
		assertThat(FhirCalls.askForClientToken(clientId, renewed).statusCode()).isEqualTo(200);

		mvc.perform(post("/admin/settings/integration-client/removal").with(admin).with(csrf()))
				.andExpect(redirectedUrl("/admin/settings"))
				.andExpect(flash().attribute("flash", containsString("was deleted")));
		assertThat(integrationClients.of(clinic)).isEmpty();
		assertThat(FhirCalls.askForClientToken(clientId, renewed).statusCode()).isIn(400, 401);

		mvc.perform(post("/admin/settings/integration-client/secret").with(admin).with(csrf()))
				.andExpect(redirectedUrl("/admin/settings"))
				.andExpect(flash().attribute("integrationError", containsString("no integration client")));

		var trail = CurrentTenant.callAs(clinic, () -> audit.latest(20));
		assertThat(trail).filteredOn(it -> it.action() == AuditAction.WRITE).extracting(AuditEvent::resource)
				.containsExactly("integration-client-removed", "integration-client-secret", "integration-client");
		assertThat(trail).filteredOn(it -> it.action() == AuditAction.WRITE).extracting(AuditEvent::actorUsername)
				.containsOnly("admin.page");
		assertThat(trail.toString()).doesNotContain(secret).doesNotContain(renewed);
	}

	@Test
	void onlyTheClinicsAdministratorReachesTheClient() throws Exception {

		mvc.perform(post("/admin/settings/integration-client").with(csrf())
				.with(Tokens.browser("pt.page", List.of(clinic.value()), "therapist")))
				.andExpect(status().isForbidden());
		mvc.perform(post("/admin/settings/integration-client").with(admin))
				.andExpect(status().isForbidden()); // no CSRF token
		assertThat(integrationClients.of(clinic)).isEmpty();
	}

	private static String secretIn(String page) {
		var matcher = SECRET.matcher(page);
		assertThat(matcher.find()).as("the page shows the secret").isTrue();
		return matcher.group(1);
	}
}
