package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.careteams.ClinicianManagement;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON API with real tokens from the realm file, obtained for every demo user through the
 * development realm's public client {@code stride-cli}.
 */
class TokenApiTests extends EndToEndTestSupport {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired JsonMapper json;
	@Autowired ClinicianManagement clinicians;

	@ParameterizedTest(name = "{0}")
	@CsvSource(nullValues = "-", textBlock = """
			pt.alex,           northside, therapist
			pt.sam,            northside, therapist
			coach.rio,         northside, coach
			admin.nora,        northside, clinic-admin
			patient.maya,      northside, patient
			patient.leo,       northside, patient
			sponsor.acme,      northside, sponsor-admin
			pt.jordan,         lakeside,  therapist
			admin.lee,         lakeside,  clinic-admin
			patient.ivy,       lakeside,  patient
			sponsor.bluecross, lakeside,  sponsor-admin
			root.ops,          -,         platform-admin
			""")
	void describesEveryDemoUserFromTheirToken(String username, @Nullable String clinic, String role) throws Exception {

		var me = get("/api/me", token(username));

		assertThat(me.statusCode()).isEqualTo(200);

		var body = json.readTree(me.body());
		assertThat(body.get("username").asString()).isEqualTo(username);
		assertThat(body.get("clinic").isNull() ? null : body.get("clinic").asString()).isEqualTo(clinic);
		assertThat(body.get("roles").valueStream().map(JsonNode::asString).toList()).containsExactly(role);

		var expectedClinician = clinic == null ? null
				: CurrentTenant.callAs(TenantId.of(clinic), () -> clinicians.findByUsername(username))
						.map(it -> it.id().toString()).orElse(null);
		assertThat(body.get("clinicianId").isNull() ? null : body.get("clinicianId").asString())
				.isEqualTo(expectedClinician);
	}

	@Test
	void refusesRequestsWithoutAToken() throws Exception {
		assertThat(get("/api/me", null).statusCode()).isEqualTo(401);
	}

	@Test
	void refusesATokenSignedByAnyoneButTheRealm() throws Exception {

		var real = token("pt.alex");
		var parts = real.split("\\.");

		var generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
		var signer = java.security.Signature.getInstance("SHA256withRSA");
		signer.initSign(key);
		signer.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		var forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());

		assertThat(get("/api/me", forged).statusCode()).isEqualTo(401);
		assertThat(get("/api/me", parts[0] + "." + parts[1] + ".").statusCode()).isEqualTo(401);
	}

	@Test
	void refusesATokenFromAnotherRealm() throws Exception {

		var master = tokenResponse("master", "admin-cli", "admin", "admin");

		assertThat(get("/api/me", master.get("access_token").asString()).statusCode()).isEqualTo(401);
	}

	@Test
	void refusesAnIdTokenUsedAsAnAccessToken() throws Exception {

		var idToken = tokenResponse("stride", "stride-cli", "pt.alex", PASSWORD).get("id_token").asString();

		assertThat(get("/api/me", idToken).statusCode()).isEqualTo(401);
	}

	@Test
	void refusesTokensTheRealmIssuedToClientsOtherThanStrides() throws Exception {

		// the same user and realm, through Keycloak's own admin-cli: a valid token, but not meant for Stride's API
		var viaAdminCli = tokenResponse("stride", "admin-cli", "pt.alex", PASSWORD).get("access_token").asString();
		assertThat(get("/api/me", viaAdminCli).statusCode()).isEqualTo(401);

		// the provisioner's service account may manage users in Keycloak, but is nobody to Stride's API
		var provisioner = HTTP.send(HttpRequest.newBuilder(URI.create(TestKeycloak.server().issuer()
				+ "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=stride-provisioner"
						+ "&client_secret=" + URLEncoder.encode(TestKeycloak.PROVISIONER_SECRET, StandardCharsets.UTF_8)))
				.build(), BodyHandlers.ofString());
		assertThat(provisioner.statusCode()).isEqualTo(200);
		assertThat(get("/api/me", json.readTree(provisioner.body()).get("access_token").asString()).statusCode())
				.isEqualTo(401);

		// Stride's own client names Stride's API as the audience
		var audience = claims(token("pt.alex")).get("aud");
		assertThat(audience.isArray() ? audience.valueStream().map(JsonNode::asString).toList() : List.of(audience.asString()))
				.contains("stride-api");
	}

	@Test
	void offersNoOfflineAccess() throws Exception {

		var form = "grant_type=password&client_id=stride-cli&username=pt.alex&password="
				+ URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&scope=" + URLEncoder.encode("openid offline_access",
						StandardCharsets.UTF_8);
		var response = HTTP.send(HttpRequest.newBuilder(URI.create(TestKeycloak.server().issuer()
				+ "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("error").asString()).isEqualTo("invalid_scope");
		assertThat(claims(token("pt.alex")).get("realm_access").get("roles").valueStream().map(JsonNode::asString))
				.doesNotContain("offline_access");
	}

	JsonNode claims(String token) {
		return json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

	@Test
	void refusesAPatientTheCaseload() throws Exception {
		assertThat(get("/api/caseload", token("patient.maya")).statusCode()).isEqualTo(403);
		assertThat(get("/api/caseload", token("pt.alex")).statusCode()).isEqualTo(200);
	}

	@Test
	void hidesAnotherClinicsClinician() throws Exception {

		var alex = CurrentTenant.callAs(TenantId.of("northside"), () -> clinicians.findByUsername("pt.alex"))
				.orElseThrow();

		assertThat(get("/api/clinicians/" + alex.id(), token("admin.lee")).statusCode()).isEqualTo(404);
		assertThat(get("/api/clinicians/" + alex.id(), token("pt.jordan")).statusCode()).isEqualTo(404);
		assertThat(get("/api/clinicians/" + alex.id(), token("admin.nora")).statusCode()).isEqualTo(200);
	}

	String token(String username) throws IOException, InterruptedException {
		return tokenResponse("stride", "stride-cli", username, PASSWORD).get("access_token").asString();
	}

	JsonNode tokenResponse(String realm, String client, String username, String password)
			throws IOException, InterruptedException {

		var form = Map.of("grant_type", "password", "client_id", client, "username", username, "password", password,
				"scope", "openid").entrySet().stream()
				.map(it -> it.getKey() + "=" + URLEncoder.encode(it.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));

		var response = HTTP.send(HttpRequest.newBuilder(
				URI.create(TestKeycloak.server().url() + "/realms/" + realm + "/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).as("token for %s: %s", username, response.body()).isEqualTo(200);

		return json.readTree(response.body());
	}

	static HttpResponse<String> get(String path, @Nullable String token) throws IOException, InterruptedException {

		var request = HttpRequest.newBuilder(URI.create(appUrl() + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}

		return HTTP.send(request.build(), BodyHandlers.ofString());
	}
}
