package health.stride.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;

/**
 * Whether the Keycloak session behind a page session still stands. Keycloak tells Stride when a
 * session ends through the back-channel logout, but not when an administrator disables a user:
 * so a page session asks now and then (see {@link PageSessionLifetime}), refreshing the user's
 * tokens when they expired and asking Keycloak's introspection whether the token is still active.
 * When Keycloak cannot be reached the session goes on; the idle and absolute limits still hold.
 */
@Component
class KeycloakSessionCheck {

	private static final Logger LOG = LoggerFactory.getLogger(KeycloakSessionCheck.class);

	private final OAuth2AuthorizedClientManager clients;
	private final KeycloakProperties keycloak;
	private final RestClient http = RestClient.create();

	KeycloakSessionCheck(OAuth2AuthorizedClientManager clients, KeycloakProperties keycloak) {
		this.clients = clients;
		this.keycloak = keycloak;
	}

	boolean stands(OAuth2AuthenticationToken user, HttpServletRequest request, HttpServletResponse response) {

		OAuth2AuthorizedClient authorized;
		try {
			authorized = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(SecurityConfiguration.REGISTRATION)
					.principal(user)
					.attribute(HttpServletRequest.class.getName(), request)
					.attribute(HttpServletResponse.class.getName(), response)
					.build());
		} catch (ClientAuthorizationException e) {
			if (OAuth2ErrorCodes.INVALID_GRANT.equals(e.getError().getErrorCode())) {
				return false; // the refresh token is refused: the session ended or the user was disabled
			}
			LOG.warn("Could not refresh a page session's tokens: {}", e.getError().getErrorCode());
			return true;
		}
		if (authorized == null) {
			return false;
		}

		var form = new LinkedMultiValueMap<String, String>();
		form.add("token", authorized.getAccessToken().getTokenValue());
		form.add("token_type_hint", "access_token");
		try {
			var answer = http.post().uri(keycloak.endpoint("token/introspect"))
					.headers(headers -> headers.setBasicAuth(keycloak.clientId(), keycloak.clientSecret()))
					.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
			return answer == null || answer.path("active").asBoolean(true);
		} catch (RestClientException e) {
			LOG.warn("Could not ask Keycloak whether a page session stands: {}", e.getMessage());
			return true;
		}
	}
}
