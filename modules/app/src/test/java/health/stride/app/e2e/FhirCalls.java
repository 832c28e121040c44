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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import health.stride.app.security.IntegrationClients;
import health.stride.fhir.FhirClients;
import health.stride.platform.tenancy.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tokens from the test realm and calls to the running application's FHIR API, for the FHIR end-to-end tests. */
final class FhirCalls {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();

	private FhirCalls() {}

	/** A demo user's access token from {@code stride-cli} (password grant) with the given scope. */
	static String token(String username, String scope) throws IOException, InterruptedException {
		return tokenResponse(Map.of("grant_type", "password", "client_id", "stride-cli", "username", username,
				"password", EndToEndTestSupport.PASSWORD, "scope", scope)).get("access_token").asString();
	}

	/** A client's access token by client credentials. */
	static String clientToken(String clientId, String secret) throws IOException, InterruptedException {
		return tokenResponse(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret))
				.get("access_token").asString();
	}

	/** What the token endpoint answers to a client-credentials request. */
	static HttpResponse<String> askForClientToken(String clientId, String secret) throws IOException, InterruptedException {
		return post(TestKeycloak.server().issuer() + "/protocol/openid-connect/token",
				Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
	}

	/**
	 * A token of the clinic's integration client, made through the settings page's service: the client is
	 * created, or its secret renewed when another test made it already.
	 */
	static String integrationToken(IntegrationClients clients, TenantId clinic) throws IOException, InterruptedException {
		var secret = clients.of(clinic).isPresent() ? clients.renewSecret(clinic) : clients.create(clinic);
		assertThat(secret.clientId()).isEqualTo(FhirClients.clientIdOf(clinic));
		return clientToken(secret.clientId(), secret.value());
	}

	static HttpResponse<String> get(String path, @Nullable String token) throws IOException, InterruptedException {
		return get(path, token, "en");
	}

	static HttpResponse<String> get(String path, @Nullable String token, String language)
			throws IOException, InterruptedException {
		return get(path, token, language, "application/fhir+json");
	}

	static HttpResponse<String> get(String path, @Nullable String token, String language, String accept)
			throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : EndToEndTestSupport.appUrl() + path))
				.header("Accept", accept).header("Accept-Language", language);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), BodyHandlers.ofString());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** The claims of a JWT, unverified. */
	static JsonNode claims(String token) {
		return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

	private static JsonNode tokenResponse(Map<String, String> form) throws IOException, InterruptedException {
		var response = post(TestKeycloak.server().issuer() + "/protocol/openid-connect/token", form);
		assertThat(response.statusCode()).as("token: %s", response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
		var body = new LinkedHashMap<>(form).entrySet().stream()
				.map(it -> it.getKey() + "=" + URLEncoder.encode(it.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
	}
}
