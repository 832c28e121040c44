package health.stride.app.security;

import java.time.Clock;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * HIPAA automatic logoff: when a page session ends because it sat idle (15 minutes), the
 * Keycloak session behind it ends too, so the next visit asks for the password again instead of
 * silently signing back in. Uses Keycloak's logout with the session's refresh token.
 */
@Component
class IdleSessionSignOut {

	/** Where {@link HttpSessionOAuth2AuthorizedClientRepository} keeps the signed-in user's tokens. */
	static final String AUTHORIZED_CLIENTS = HttpSessionOAuth2AuthorizedClientRepository.class.getName()
			+ ".AUTHORIZED_CLIENTS";

	private static final Logger LOG = LoggerFactory.getLogger(IdleSessionSignOut.class);

	private final KeycloakProperties keycloak;
	private final RestClient http;
	private final Clock clock;

	IdleSessionSignOut(KeycloakProperties keycloak, Clock clock) {
		this.keycloak = keycloak;
		this.http = RestClient.create();
		this.clock = clock;
	}

	@EventListener
	void on(HttpSessionDestroyedEvent event) {

		var session = event.getSession();

		if (timedOut(session)) {
			endKeycloakSession(session);
		}
	}

	private boolean timedOut(HttpSession session) {
		try {
			var idleMillis = clock.millis() - session.getLastAccessedTime();
			return session.getMaxInactiveInterval() > 0 && idleMillis >= session.getMaxInactiveInterval() * 1000L;
		} catch (IllegalStateException alreadyInvalidated) {
			return false;
		}
	}

	void endKeycloakSession(HttpSession session) {

		if (!(session.getAttribute(AUTHORIZED_CLIENTS) instanceof Map<?, ?> clients)
				|| !(clients.get(SecurityConfiguration.REGISTRATION) instanceof OAuth2AuthorizedClient client)
				|| client.getRefreshToken() == null) {
			return;
		}

		var form = new LinkedMultiValueMap<String, String>();
		form.add("client_id", keycloak.clientId());
		form.add("client_secret", keycloak.clientSecret());
		form.add("refresh_token", client.getRefreshToken().getTokenValue());

		try {
			http.post().uri(keycloak.endpoint("logout"))
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body(form)
					.retrieve()
					.toBodilessEntity();
			LOG.info("Ended the Keycloak session of an idle page session");
		} catch (RestClientException e) {
			LOG.warn("Could not end the Keycloak session of an idle page session: {}", e.getMessage());
		}
	}
}
