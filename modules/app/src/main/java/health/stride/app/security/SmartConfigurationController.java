package health.stride.app.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMART App Launch 2.0 discovery ({@code /fhir/.well-known/smart-configuration}, where SMART looks for it, and
 * {@code /.well-known/smart-configuration}): Keycloak's endpoints as the
 * application reaches them, the SMART scopes of the realm and what Stride supports. A client that launches on
 * its own (standalone) asks the user for {@code patient/*.read} or {@code user/*.read}; a clinic's integration
 * client uses client credentials with {@code system/*.read}. No launch context is handed out: a patient's
 * token reads their own record, whatever the client.
 */
@RestController
class SmartConfigurationController {

	static final List<String> SCOPES = List.of("openid", "profile", "email", "patient/*.read", "user/*.read",
			"system/*.read");

	static final List<String> CAPABILITIES = List.of("launch-standalone", "client-confidential-symmetric",
			"permission-patient", "permission-user");

	private final KeycloakProperties keycloak;

	SmartConfigurationController(KeycloakProperties keycloak) {
		this.keycloak = keycloak;
	}

	@GetMapping(path = { SecurityConfiguration.FHIR_SMART_CONFIGURATION, SecurityConfiguration.SMART_CONFIGURATION },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("permitAll()")
	Map<String, Object> configuration() {
		var configuration = new LinkedHashMap<String, Object>();
		configuration.put("issuer", keycloak.issuer());
		configuration.put("jwks_uri", keycloak.endpoint("certs"));
		configuration.put("authorization_endpoint", keycloak.endpoint("auth"));
		configuration.put("token_endpoint", keycloak.endpoint("token"));
		configuration.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		configuration.put("revocation_endpoint", keycloak.endpoint("revoke"));
		configuration.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
		configuration.put("scopes_supported", SCOPES);
		configuration.put("response_types_supported", List.of("code"));
		configuration.put("code_challenge_methods_supported", List.of("S256"));
		configuration.put("capabilities", CAPABILITIES);
		return configuration;
	}
}
