package health.stride.app.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;

/**
 * Test callers carrying the same claims Keycloak puts into Stride's tokens, with authorities
 * mapped by the production converter.
 */
public final class Tokens {

	private Tokens() {}

	public static JwtRequestPostProcessor bearer(String username, List<String> organizations, String... roles) {
		return jwt().jwt(token -> token.subject(UUID.nameUUIDFromBytes(username.getBytes()).toString())
				.claim("typ", "Bearer")
				.claim("preferred_username", username)
				.claim("organization", organizations)
				.claim("realm_access", Map.of("roles", List.of(roles))))
				.authorities(new StrideAuthorities());
	}

	/** A bearer token at the FHIR door: the roles and the SMART scopes granted ({@code scope}, space separated). */
	public static JwtRequestPostProcessor fhir(String username, List<String> organizations, String scope, String... roles) {
		return jwt().jwt(token -> token.subject(UUID.nameUUIDFromBytes(username.getBytes()).toString())
				.claim("typ", "Bearer")
				.claim("azp", "stride-web")
				.claim("scope", scope)
				.claim("preferred_username", username)
				.claim("organization", organizations)
				.claim("realm_access", Map.of("roles", List.of(roles))))
				.authorities(new FhirAuthorities());
	}

	public static OidcLoginRequestPostProcessor browser(String username, List<String> organizations, String... roles) {

		var idToken = OidcIdToken.withTokenValue("id-token")
				.subject(UUID.nameUUIDFromBytes(username.getBytes()).toString())
				.claim("preferred_username", username)
				.claim("given_name", "Test")
				.claim("organization", organizations)
				.claim("realm_access", Map.of("roles", List.of(roles)))
				.build();

		var user = new DefaultOidcUser(StrideAuthorities.of(idToken), idToken, "preferred_username");

		return oidcLogin().oidcUser(user);
	}
}
