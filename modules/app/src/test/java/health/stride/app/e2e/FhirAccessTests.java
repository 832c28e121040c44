package health.stride.app.e2e;

import static health.stride.app.e2e.FhirCalls.*;
import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.app.security.IntegrationClients;
import health.stride.app.security.KnownClinics;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * The FHIR door with real tokens: SMART scopes from the realm decide the context, a patient reads only
 * themself, a clinician their care teams' patients, a clinic's integration client (made through the settings
 * page's service) its own clinic, and only as long as its token names that clinic alone. Refusals are
 * OperationOutcomes; what a client needs to find Keycloak is public.
 */
class FhirAccessTests extends EndToEndTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final TenantId LAKESIDE = TenantId.of("lakeside");

	@Autowired PatientDirectory patients;
	@Autowired IntegrationClients integrationClients;
	@Autowired ClinicRegistry clinics;
	@Autowired KnownClinics knownClinics;

	String maya, leo, ivy;

	@BeforeEach
	void demoPatients() {
		maya = idOf(NORTHSIDE, "patient.maya");
		leo = idOf(NORTHSIDE, "patient.leo");
		ivy = idOf(LAKESIDE, "patient.ivy");
	}

	@Test
	void aPatientReadsTheirOwnRecordAndNoOtherPatientOfTheirClinic() throws Exception {

		var token = token("patient.maya", "openid patient/*.read");

		var own = get("/fhir/Patient/" + maya, token);
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(own.headers().firstValue("Content-Type")).hasValueSatisfying(it -> assertThat(it).startsWith("application/fhir+json"));
		assertThat(json(own).get("resourceType").asString()).isEqualTo("Patient");
		assertThat(json(own).get("id").asString()).isEqualTo(maya);

		var other = get("/fhir/Patient/" + leo, token);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(issue(other).get("code").asString()).isEqualTo("not-found");
		assertThat(other.body()).doesNotContain(leo);
	}

	@Test
	void aTherapistReadsTheirCareTeamsPatientsAndNobodyOfAnotherClinic() throws Exception {

		var alex = token("pt.alex", "openid user/*.read");
		assertThat(get("/fhir/Patient/" + maya, alex).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/Patient/" + ivy, alex).statusCode()).isEqualTo(404);

		var jordan = token("pt.jordan", "openid user/*.read");
		assertThat(get("/fhir/Patient/" + ivy, jordan).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/Patient/" + maya, jordan).statusCode()).isEqualTo(404);
	}

	@Test
	void searchesWithAControlCharacterOrBeyondTheDeepestPageAreRefusedWithAnOperationOutcome() throws Exception {

		var alex = token("pt.alex", "openid user/*.read");
		for (var search : List.of("/fhir/Practitioner?name=%00", "/fhir/Patient?identifier=x%1F",
				"/fhir/Practitioner?name=" + "a".repeat(3_000),
				"/fhir/Observation?subject=Patient/" + maya + "&code=%01", "/fhir/Observation?_offset=2001",
				"/fhir/Observation?_count=201")) {
			var refused = get(search, alex);
			assertThat(refused.statusCode()).as(search).isEqualTo(400);
			assertThat(refused.body()).as(search).contains("\"resourceType\":\"OperationOutcome\"");
		}
		assertThat(get("/fhir/Observation?subject=Patient/" + maya + "&_offset=2000", alex).statusCode()).isEqualTo(200);
	}

	@Test
	void aTokenWithoutAFittingScopeIsForbiddenWithAnOperationOutcome() throws Exception {

		var noScope = get("/fhir/Patient/" + maya, token("patient.maya", "openid"));
		assertThat(noScope.statusCode()).isEqualTo(403);
		assertThat(noScope.headers().firstValue("Content-Type")).hasValueSatisfying(it -> assertThat(it).startsWith("application/fhir+json"));
		assertThat(issue(noScope).get("code").asString()).isEqualTo("forbidden");
		assertThat(issue(noScope).get("diagnostics").asString()).contains("patient/*.read");

		// a patient asking for a clinician's scope gets nothing more than without one
		assertThat(get("/fhir/Patient/" + maya, token("patient.maya", "openid user/*.read system/*.read")).statusCode())
				.isEqualTo(403);

		var sponsor = get("/fhir/Patient/" + maya, token("sponsor.acme", "openid user/*.read"), "es");
		assertThat(sponsor.statusCode()).isEqualTo(403);
		assertThat(json(sponsor).get("resourceType").asString()).isEqualTo("OperationOutcome");
		assertThat(issue(sponsor).get("code").asString()).isEqualTo("forbidden");
		assertThat(issue(sponsor).get("diagnostics").asString()).isEqualTo("No tiene permiso para hacer esto.");
	}

	@Test
	void aRequestWithoutAValidTokenIsUnauthorizedWithABearerChallenge() throws Exception {

		var none = get("/fhir/Patient/" + maya, null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(it -> assertThat(it).startsWith("Bearer"));
		assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(it -> assertThat(it).startsWith("application/fhir+json"));
		assertThat(issue(none).get("code").asString()).isEqualTo("login");
		assertThat(issue(none).get("diagnostics").asString()).contains("bearer token");

		var spanish = get("/fhir/Patient", null, "es");
		assertThat(spanish.statusCode()).isEqualTo(401);
		assertThat(issue(spanish).get("diagnostics").asString()).startsWith("Inicie sesión");

		var forged = get("/fhir/Patient/" + maya, "not.a-token.at-all");
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(it -> assertThat(it).contains("invalid_token"));
		assertThat(json(forged).get("resourceType").asString()).isEqualTo("OperationOutcome");
	}

	@Test
	void anIntegrationClientReadsItsOwnClinicOnlyAndNothingOnTheApi() throws Exception {

		var token = integrationToken(integrationClients, NORTHSIDE);

		var claims = claims(token);
		assertThat(claims.get("azp").asString()).isEqualTo("stride-fhir-northside");
		assertThat(claims.get("scope").asString()).isEqualTo("system/*.read");
		assertThat(claims.get("organization").valueStream().map(JsonNode::asString)).containsExactly("northside");
		assertThat(claims.get("preferred_username").asString()).isEqualTo("service-account-stride-fhir-northside");
		assertThat(claims.hasNonNull("sub")).as("the service account's id, which the audit trail records as the actor").isTrue();
		assertThat(claims.get("sub").asString()).isNotBlank();

		assertThat(get("/fhir/Patient/" + maya, token).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/Patient/" + leo, token).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/Patient/" + ivy, token).statusCode()).isEqualTo(404);
		assertThat(get("/api/me", token).statusCode()).as("the JSON API accepts Stride's own clients only").isEqualTo(401);
	}

	@Test
	void anIntegrationClientWhoseTokenClaimsAnotherClinicIsRefused() throws Exception {

		integrationToken(integrationClients, LAKESIDE);
		var secret = integrationClients.renewSecret(LAKESIDE);
		try {
			KeycloakAdmin.setOrganizationClaim("stride-fhir-lakeside", List.of("northside"));
			var other = clientToken(secret.clientId(), secret.value());
			assertThat(claims(other).get("organization").valueStream().map(JsonNode::asString)).containsExactly("northside");
			assertThat(get("/fhir/Patient/" + maya, other).statusCode()).isEqualTo(401);
			assertThat(get("/fhir/Patient/" + ivy, other).statusCode()).isEqualTo(401);

			KeycloakAdmin.setOrganizationClaim("stride-fhir-lakeside", List.of("lakeside", "northside"));
			var both = clientToken(secret.clientId(), secret.value());
			assertThat(get("/fhir/Patient/" + maya, both).statusCode()).isEqualTo(401);
			assertThat(get("/fhir/Patient/" + ivy, both).statusCode()).isEqualTo(401);
		} finally {
			KeycloakAdmin.setOrganizationClaim("stride-fhir-lakeside", List.of("lakeside"));
		}
		var own = clientToken(secret.clientId(), secret.value());
		assertThat(get("/fhir/Patient/" + ivy, own).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/Patient/" + maya, own).statusCode()).isEqualTo(404);
	}

	@Test
	void aSuspendedClinicsIntegrationClientIsRefused() throws Exception {

		var clinic = clinics.register(TenantId.of("fhir-" + UUID.randomUUID().toString().substring(0, 8)), "Paused").tenant();
		var token = integrationToken(integrationClients, clinic);
		try {
			var search = get("/fhir/Patient?_id=" + maya, token);
			assertThat(search.statusCode()).isEqualTo(200);
			assertThat(json(search).path("entry").isMissingNode()).isTrue();

			clinics.suspend(clinic);
			knownClinics.forget(clinic);
			var paused = get("/fhir/Patient?_id=" + maya, token);
			assertThat(paused.statusCode()).isEqualTo(403);
			assertThat(issue(paused).get("code").asString()).isEqualTo("forbidden");
		} finally {
			clinics.reactivate(clinic);
			integrationClients.delete(clinic);
		}
	}

	@Test
	void publishesTheSmartConfigurationAndTheAuthorizationServerInTheCapabilityStatement() throws Exception {

		var configuration = get("/.well-known/smart-configuration", null, "en", "application/json");
		assertThat(configuration.statusCode()).isEqualTo(200);
		assertThat(configuration.headers().firstValue("Content-Type")).hasValueSatisfying(it -> assertThat(it).startsWith("application/json"));
		var smart = json(configuration);
		var realm = TestKeycloak.server().issuer();
		assertThat(smart.get("issuer").asString()).isEqualTo(realm);
		assertThat(smart.get("jwks_uri").asString()).isEqualTo(realm + "/protocol/openid-connect/certs");
		assertThat(smart.get("authorization_endpoint").asString()).isEqualTo(realm + "/protocol/openid-connect/auth");
		assertThat(smart.get("token_endpoint").asString()).isEqualTo(realm + "/protocol/openid-connect/token");
		assertThat(strings(smart.get("grant_types_supported"))).contains("authorization_code", "client_credentials");
		assertThat(strings(smart.get("scopes_supported"))).contains("patient/*.read", "user/*.read", "system/*.read");
		assertThat(strings(smart.get("response_types_supported"))).containsExactly("code");
		assertThat(strings(smart.get("code_challenge_methods_supported"))).containsExactly("S256");
		assertThat(strings(smart.get("capabilities"))).contains("launch-standalone", "client-confidential-symmetric",
				"permission-patient", "permission-user");
		assertThat(get(smart.get("jwks_uri").asString(), null, "en", "application/json").statusCode())
				.as("Keycloak answers there").isEqualTo(200);
		var underTheFhirBase = get("/fhir/.well-known/smart-configuration", null, "en", "application/json");
		assertThat(underTheFhirBase.statusCode()).isEqualTo(200);
		assertThat(json(underTheFhirBase)).isEqualTo(smart);

		var metadata = get("/fhir/metadata", null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(json(metadata).get("resourceType").asString()).isEqualTo("CapabilityStatement");
		var oauth = json(metadata).get("rest").get(0).get("security").get("extension").valueStream()
				.filter(it -> it.get("url").asString().equals("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"))
				.findFirst().orElseThrow().get("extension");
		assertThat(oauth.valueStream().filter(it -> it.get("url").asString().equals("authorize")).findFirst().orElseThrow()
				.get("valueUri").asString()).isEqualTo(realm + "/protocol/openid-connect/auth");
		assertThat(oauth.valueStream().filter(it -> it.get("url").asString().equals("token")).findFirst().orElseThrow()
				.get("valueUri").asString()).isEqualTo(realm + "/protocol/openid-connect/token");
	}

	/**
	 * The realm lists Keycloak's default client scopes beside the SMART ones (a realm file with its own scopes
	 * gets none of Keycloak's): Stride's clients issue the claims they always did, and the SMART scope only when
	 * asked; Keycloak's own clients keep their default scopes.
	 */
	@Test
	void stridesClientsIssueTheClaimsTheyAlwaysDidAndASmartScopeOnlyWhenAsked() throws Exception {

		for (var claims : List.of(claims(token("patient.maya", "openid")), claims(token("patient.maya", "openid patient/*.read")),
				KeycloakAdmin.exampleAccessToken("stride-web", "patient.maya", "openid"),
				KeycloakAdmin.exampleAccessToken("stride-web", "patient.maya", "openid patient/*.read"))) {
			assertThat(claims.get("preferred_username").asString()).isEqualTo("patient.maya");
			assertThat(strings(claims.get("realm_access").get("roles"))).containsExactly("patient");
			assertThat(strings(claims.get("organization"))).containsExactly("northside");
			assertThat(claims.get("email").asString()).isEqualTo("patient.maya@northside.example");
			assertThat(strings(claims.get("aud"))).contains("stride-api");
			assertThat(claims.get("sub").asString()).isNotBlank();
		}
		assertThat(claims(token("patient.maya", "openid")).get("scope").asString()).doesNotContain("/*.read");
		assertThat(claims(token("pt.alex", "openid user/*.read")).get("scope").asString().split(" ")).contains("user/*.read")
				.doesNotContain("patient/*.read", "system/*.read");
		assertThat(KeycloakAdmin.exampleAccessToken("stride-web", "pt.alex", "openid user/*.read").get("scope").asString()
				.split(" ")).contains("user/*.read");

		for (var client : List.of("stride-web", "stride-cli")) {
			assertThat(KeycloakAdmin.clientScopes(client, true)).as(client).contains("patient/*.read", "user/*.read",
					"system/*.read");
		}
		for (var builtIn : List.of("account-console", "admin-cli", "security-admin-console")) {
			assertThat(KeycloakAdmin.clientScopes(builtIn, false)).as(builtIn).contains("basic", "profile", "email", "roles");
		}
	}

	private static JsonNode issue(java.net.http.HttpResponse<String> response) {
		var outcome = json(response);
		assertThat(outcome.get("resourceType").asString()).isEqualTo("OperationOutcome");
		return outcome.get("issue").get(0);
	}

	private static List<String> strings(JsonNode node) {
		return node.isArray() ? node.valueStream().map(JsonNode::asString).toList() : List.of(node.asString());
	}

	private String idOf(TenantId clinic, String username) {
		return CurrentTenant.callAs(clinic, () -> patients.findByUsername(username)).orElseThrow().id().id().toString();
	}
}
