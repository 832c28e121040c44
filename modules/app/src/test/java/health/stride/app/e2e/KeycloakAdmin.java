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

	/** A user of realm stride with the given realm role, member of the clinic's organization (as the realm file's clinicians are). */
	static void createMember(String username, String password, String role, String clinic)
			throws IOException, InterruptedException {

		createUser(username, password, role);
		var admin = adminToken();
		var base = TestKeycloak.server().url() + "/admin/realms/stride";
		var organizations = HTTP.send(authorized(admin, base + "/organizations?first=0&max=100").GET().build(),
				BodyHandlers.ofString());
		check(organizations.statusCode(), 200, organizations.body());
		var organization = JSON.readTree(organizations.body()).valueStream()
				.filter(it -> clinic.equals(it.get("alias").asString())).findFirst().orElseThrow().get("id").asString();
		var added = HTTP.send(authorized(admin, base + "/organizations/" + organization + "/members")
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("\"" + userId(admin, username) + "\"")).build(), BodyHandlers.ofString());
		check(added.statusCode(), 201, added.body());
	}

	/** Ends every Keycloak session of the user, as an administrator's "sign out" in Keycloak does. */
	static void signOutEverywhere(String username) throws IOException, InterruptedException {

		var admin = adminToken();
		var response = HTTP.send(authorized(admin, TestKeycloak.server().url() + "/admin/realms/stride/users/"
				+ userId(admin, username) + "/logout").POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
		check(response.statusCode(), 204, response.body());
	}

	/** Disables the user in Keycloak, as an administrator does in Keycloak's console. */
	static void disable(String username) throws IOException, InterruptedException {

		var admin = adminToken();
		var response = HTTP.send(authorized(admin, TestKeycloak.server().url() + "/admin/realms/stride/users/"
				+ userId(admin, username)).header("Content-Type", "application/json")
				.PUT(BodyPublishers.ofString("{\"enabled\": false}")).build(), BodyHandlers.ofString());
		check(response.statusCode(), 204, response.body());
	}

	private static String userId(String admin, String username) throws IOException, InterruptedException {
		var found = HTTP.send(authorized(admin, TestKeycloak.server().url() + "/admin/realms/stride/users?exact=true&username="
				+ URLEncoder.encode(username, StandardCharsets.UTF_8)).GET().build(), BodyHandlers.ofString());
		check(found.statusCode(), 200, found.body());
		return JSON.readTree(found.body()).get(0).get("id").asString();
	}

	/** Points realm stride's email at the given SMTP server. */
	static void sendEmailsTo(String host, int port) throws IOException, InterruptedException {

		var response = HTTP.send(authorized(adminToken(), TestKeycloak.server().url() + "/admin/realms/stride")
				.header("Content-Type", "application/json")
				.PUT(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("smtpServer", Map.of("host", host, "port",
						String.valueOf(port), "from", "no-reply@stride.example", "fromDisplayName", "Stride", "auth", "false",
						"ssl", "false", "starttls", "false")))))
				.build(), BodyHandlers.ofString());
		check(response.statusCode(), 204, response.body());
	}

	/** How many password credentials a user of realm stride has. */
	static int passwordsOf(String username) throws IOException, InterruptedException {

		var admin = adminToken();
		var base = TestKeycloak.server().url() + "/admin/realms/stride";
		var found = HTTP.send(authorized(admin, base + "/users?exact=true&username="
				+ URLEncoder.encode(username, StandardCharsets.UTF_8)).GET().build(), BodyHandlers.ofString());
		check(found.statusCode(), 200, found.body());
		var id = JSON.readTree(found.body()).get(0).get("id").asString();

		var credentials = HTTP.send(authorized(admin, base + "/users/" + id + "/credentials").GET().build(),
				BodyHandlers.ofString());
		check(credentials.statusCode(), 200, credentials.body());
		var passwords = 0;
		for (var credential : JSON.readTree(credentials.body())) {
			if ("password".equals(credential.path("type").asString())) {
				passwords++;
			}
		}
		return passwords;
	}

	/** How many users of realm stride have exactly this username. */
	static int usersNamed(String username) throws IOException, InterruptedException {

		var response = HTTP.send(authorized(adminToken(), TestKeycloak.server().url()
				+ "/admin/realms/stride/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8))
				.GET().build(), BodyHandlers.ofString());
		check(response.statusCode(), 200, response.body());

		return JSON.readTree(response.body()).size();
	}

	/** What Keycloak knows of a user: enabled, required actions, realm roles and organizations. */
	record UserState(boolean enabled, boolean emailVerified, List<String> requiredActions, List<String> realmRoles,
			List<String> organizations) {}

	static UserState userState(String username) throws IOException, InterruptedException {

		var admin = adminToken();
		var base = TestKeycloak.server().url() + "/admin/realms/stride";
		var found = HTTP.send(authorized(admin, base + "/users?exact=true&username="
				+ URLEncoder.encode(username, StandardCharsets.UTF_8)).GET().build(), BodyHandlers.ofString());
		check(found.statusCode(), 200, found.body());
		var user = JSON.readTree(found.body()).get(0);
		var id = user.get("id").asString();

		var roles = HTTP.send(authorized(admin, base + "/users/" + id + "/role-mappings/realm").GET().build(),
				BodyHandlers.ofString());
		check(roles.statusCode(), 200, roles.body());
		var organizations = HTTP.send(authorized(admin, base + "/organizations/members/" + id + "/organizations").GET()
				.build(), BodyHandlers.ofString());
		check(organizations.statusCode(), 200, organizations.body());

		var actions = new java.util.ArrayList<String>();
		user.path("requiredActions").forEach(it -> actions.add(it.asString()));
		var realmRoles = new java.util.ArrayList<String>();
		JSON.readTree(roles.body()).forEach(it -> realmRoles.add(it.get("name").asString()));
		var aliases = new java.util.ArrayList<String>();
		JSON.readTree(organizations.body()).forEach(it -> aliases.add(it.get("alias").asString()));

		return new UserState(user.get("enabled").asBoolean(), user.path("emailVerified").asBoolean(), actions, realmRoles,
				aliases);
	}

	/**
	 * The claims of the access token Keycloak would issue to the client for the user with the given scope,
	 * from its admin API's scope evaluation (a client such as {@code stride-web} hands out no token without a
	 * browser).
	 */
	static tools.jackson.databind.JsonNode exampleAccessToken(String clientId, String username, String scope)
			throws IOException, InterruptedException {

		var admin = adminToken();
		var base = TestKeycloak.server().url() + "/admin/realms/stride";
		var example = HTTP.send(authorized(admin, base + "/clients/" + clientUuid(admin, clientId)
				+ "/evaluate-scopes/generate-example-access-token?scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
				+ "&userId=" + userId(admin, username)).GET().build(), BodyHandlers.ofString());
		check(example.statusCode(), 200, example.body());
		return JSON.readTree(example.body());
	}

	/** The names of a client's default (or optional) client scopes. */
	static List<String> clientScopes(String clientId, boolean optional) throws IOException, InterruptedException {

		var admin = adminToken();
		var response = HTTP.send(authorized(admin, TestKeycloak.server().url() + "/admin/realms/stride/clients/"
				+ clientUuid(admin, clientId) + (optional ? "/optional-client-scopes" : "/default-client-scopes")).GET()
				.build(), BodyHandlers.ofString());
		check(response.statusCode(), 200, response.body());
		var names = new java.util.ArrayList<String>();
		JSON.readTree(response.body()).forEach(it -> names.add(it.get("name").asString()));
		return names;
	}

	/** Changes the organizations a client's fixed {@code organization} claim names, as a careless administrator might. */
	static void setOrganizationClaim(String clientId, List<String> organizations) throws IOException, InterruptedException {

		var admin = adminToken();
		var client = TestKeycloak.server().url() + "/admin/realms/stride/clients/" + clientUuid(admin, clientId);
		var mappers = HTTP.send(authorized(admin, client + "/protocol-mappers/models").GET().build(), BodyHandlers.ofString());
		check(mappers.statusCode(), 200, mappers.body());
		var mapper = (tools.jackson.databind.node.ObjectNode) JSON.readTree(mappers.body()).valueStream()
				.filter(it -> "organization".equals(it.get("name").asString())).findFirst().orElseThrow();
		((tools.jackson.databind.node.ObjectNode) mapper.get("config")).put("claim.value",
				JSON.writeValueAsString(organizations));
		var updated = HTTP.send(authorized(admin, client + "/protocol-mappers/models/" + mapper.get("id").asString())
				.header("Content-Type", "application/json").PUT(BodyPublishers.ofString(JSON.writeValueAsString(mapper)))
				.build(), BodyHandlers.ofString());
		check(updated.statusCode(), 204, updated.body());
	}

	private static String clientUuid(String admin, String clientId) throws IOException, InterruptedException {
		var found = HTTP.send(authorized(admin, TestKeycloak.server().url() + "/admin/realms/stride/clients?clientId="
				+ URLEncoder.encode(clientId, StandardCharsets.UTF_8)).GET().build(), BodyHandlers.ofString());
		check(found.statusCode(), 200, found.body());
		return JSON.readTree(found.body()).get(0).get("id").asString();
	}

	static String adminToken() throws IOException, InterruptedException {

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
