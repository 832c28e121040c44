package health.stride.app.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/** Calls for the clinic provisioning tests: real tokens, Stride's API, and Keycloak's organizations. */
final class ClinicsApi {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ClinicsApi() {}

	/** An access token through the development realm's public client, as scripts get one. */
	static String token(String username, String password) throws IOException, InterruptedException {

		var form = Map.of("grant_type", "password", "client_id", "stride-cli", "username", username, "password", password,
				"scope", "openid").entrySet().stream()
				.map(it -> it.getKey() + "=" + URLEncoder.encode(it.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		var response = HTTP.send(HttpRequest.newBuilder(
				URI.create(TestKeycloak.server().url() + "/realms/stride/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("No token for " + username + ": " + response.body());
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	static HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(EndToEndTestSupport.appUrl() + path))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				BodyHandlers.ofString());
	}

	static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(EndToEndTestSupport.appUrl() + path))
				.header("Authorization", "Bearer " + token).header("Accept-Language", "en").GET().build(),
				BodyHandlers.ofString());
	}

	/** The aliases of every organization in realm stride. */
	static List<String> organizationAliases() throws IOException, InterruptedException {

		var response = HTTP.send(HttpRequest.newBuilder(URI.create(TestKeycloak.server().url()
				+ "/admin/realms/stride/organizations?first=0&max=10000&briefRepresentation=true"))
				.header("Authorization", "Bearer " + KeycloakAdmin.adminToken()).GET().build(), BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(response.body());
		}
		var aliases = new ArrayList<String>();
		JSON.readTree(response.body()).forEach(it -> aliases.add(it.get("alias").asString()));
		return aliases;
	}

	static String clinicBody(String name, String alias, String timeZone, String states, String adminEmail) {
		return """
				{"name": "%s", "alias": "%s", "timeZone": "%s", "states": [%s],
				 "admin": {"firstName": "Ada", "lastName": "Founder", "email": "%s"}}"""
				.formatted(name, alias, timeZone, states, adminEmail);
	}
}
