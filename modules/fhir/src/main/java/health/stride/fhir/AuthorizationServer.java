package health.stride.fhir;

/**
 * Where SMART clients get their tokens for Stride's FHIR API: the authorization server's authorize and token
 * endpoints, which the CapabilityStatement names (SMART's {@code oauth-uris} extension). The application
 * provides it from its Keycloak settings; without it the statement names no endpoint.
 */
public record AuthorizationServer(String authorize, String token) {
}
