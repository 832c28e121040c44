package health.stride.app.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Changes the test Keycloak through its admin API, as its local administrator. */
final class KeycloakAdmin {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KeycloakAdmin() {}

	/** A user of realm stride with the given realm role and no organization. */
	static void createUser(String username, String password, String role) throws IOException, InterruptedException {

		var admin = adminToken();
		var users = TestKeycloak.server().url() + "/admin/realms/stride/users";

		var created = HTTP.send(authorized(admin, users)
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "enabled", true,
						"firstName", "Una", "lastName", "Signed", "email", username + "@nowhere.example",
						"emailVerified", true, "credentials",
						List.of(Map.of("type", "password", "value", password, "temporary", false))))))
				.build(), BodyHandlers.ofString());
		check(created.statusCode(), 201, created.body());

		var location = created.headers().firstValue("Location").orElseThrow();
		var roleJson = HTTP.send(authorized(admin, TestKeycloak.server().url() + "/admin/realms/stride/roles/" + role)
				.GET().build(), BodyHandlers.ofString());
		check(roleJson.statusCode(), 200, roleJson.body());

		var mapped = HTTP.send(authorized(admin, location + "/role-mappings/realm")
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("[" + roleJson.body() + "]")).build(), BodyHandlers.ofString());
		check(mapped.statusCode(), 204, mapped.body());
	}

	/** How many users of realm stride have exactly this username. */
	static int usersNamed(String username) throws IOException, InterruptedException {

		var response = HTTP.send(authorized(adminToken(), TestKeycloak.server().url()
				+ "/admin/realms/stride/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8))
				.GET().build(), BodyHandlers.ofString());
		check(response.statusCode(), 200, response.body());

		return JSON.readTree(response.body()).size();
	}

	private static String adminToken() throws IOException, InterruptedException {

		var form = "grant_type=password&client_id=admin-cli&username=admin&password="
				+ URLEncoder.encode("admin", StandardCharsets.UTF_8);
		var response = HTTP.send(HttpRequest.newBuilder(
				URI.create(TestKeycloak.server().url() + "/realms/master/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
		check(response.statusCode(), 200, response.body());

		return JSON.readTree(response.body()).get("access_token").asString();
	}

	private static HttpRequest.Builder authorized(String token, String url) {
		return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
	}

	private static void check(int status, int expected, String body) {
		if (status != expected) {
			throw new IllegalStateException("Keycloak admin API answered " + status + ": " + body);
		}
	}
}
