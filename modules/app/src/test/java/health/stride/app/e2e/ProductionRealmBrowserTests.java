package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The production realm file on its own, imported into the test Keycloak as a realm of its own:
 * a therapist must set up a one-time code at first sign-in, a patient signs in with a password,
 * and the password policy refuses a short password. (Plain HTTP here stands in for TLS, the one
 * setting the test changes.)
 */
class ProductionRealmBrowserTests extends BrowserTestSupport {

	static final String REALM = "stride-production-check";
	static final String STRONG_PASSWORD = "correct horse battery";
	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void importTheProductionRealm() throws Exception {

		var file = Files.readString(Path.of(System.getProperty("stride.test.keycloak.realm-file")))
				.replace("${STRIDE_APP_URL:http://localhost:8080}", appUrl());
		var realm = (ObjectNode) JSON.readTree(file);
		realm.put("realm", REALM);
		realm.put("sslRequired", "external");

		var imported = admin("", "POST", JSON.writeValueAsString(realm));
		assertThat(imported).as("the production realm imports").isEqualTo(201);

		assertThat(createUser("therapist.check", "therapist")).isEqualTo(201);
		assertThat(createUser("patient.check", "patient")).isEqualTo(201);
	}

	@AfterAll
	static void removeIt() throws Exception {
		admin("/" + REALM, "DELETE", null);
	}

	@Test
	void asksATherapistToSetUpAOneTimeCodeAtFirstSignIn() {

		signInToTheProductionRealm("therapist.check");

		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("totp")));
		assertThat(browser.getPageSource()).contains("Mobile Authenticator Setup");
		assertThat(browser.getCurrentUrl()).startsWith(TestKeycloak.server().url() + "/realms/" + REALM);
	}

	@Test
	void letsAPatientInWithTheirPasswordAlone() {

		signInToTheProductionRealm("patient.check");

		waiting.until(ExpectedConditions.urlContains(appUrl()));
		assertThat(browser.getCurrentUrl()).doesNotContain("/realms/" + REALM);
	}

	@Test
	void refusesAPasswordShorterThanTwelveCharacters() throws Exception {
		assertThat(createUser("short.password", "patient", "elevenchars")).isEqualTo(400);
	}

	private void signInToTheProductionRealm(String username) {

		browser.get(TestKeycloak.server().url() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=stride-web"
				+ "&response_type=code&scope=openid&redirect_uri="
				+ URLEncoder.encode(appUrl() + "/login/oauth2/code/keycloak", StandardCharsets.UTF_8)
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
		signInAtKeycloak(username, STRONG_PASSWORD);
	}

	private static int createUser(String username, String role) throws Exception {
		return createUser(username, role, STRONG_PASSWORD);
	}

	private static int createUser(String username, String role, String password) throws Exception {

		var created = send("/" + REALM + "/users", "POST", JSON.writeValueAsString(Map.of("username", username,
				"enabled", true, "firstName", "Check", "lastName", "User", "email", username + "@example.org",
				"emailVerified", true, "credentials", List.of(Map.of("type", "password", "value", password,
						"temporary", false)))));
		if (created.statusCode() != 201) {
			return created.statusCode();
		}
		var user = created.headers().firstValue("Location").orElseThrow();
		var realmRole = send("/" + REALM + "/roles/" + role, "GET", null).body();
		var mapped = send(user.substring(user.indexOf("/admin/realms") + "/admin/realms".length()) + "/role-mappings/realm",
				"POST", "[" + realmRole + "]");
		assertThat(mapped.statusCode()).isEqualTo(204);
		return 201;
	}

	private static int admin(String path, String method, @Nullable String body) throws Exception {
		return send(path, method, body).statusCode();
	}

	private static HttpResponse<String> send(String path, String method, @Nullable String body) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(TestKeycloak.server().url() + "/admin/realms" + path))
				.header("Authorization", "Bearer " + KeycloakAdmin.adminToken()).header("Content-Type", "application/json")
				.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).build();
		return HTTP.send(request, BodyHandlers.ofString());
	}
}
