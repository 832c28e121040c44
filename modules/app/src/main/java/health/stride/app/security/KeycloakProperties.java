package health.stride.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Stride's Keycloak realm is and how the pages' client authenticates to it.
 *
 * @param url Keycloak's base URL as browsers and the application both reach it
 * @param realm the realm holding Stride's users and clinics (organizations)
 * @param clientId the confidential client of the pages
 * @param clientSecret its secret (the development realm's default; set STRIDE_KEYCLOAK_CLIENT_SECRET elsewhere)
 * @param provisionerId the service-account client that creates accounts
 * @param provisionerSecret its secret (development default; set STRIDE_KEYCLOAK_PROVISIONER_SECRET elsewhere)
 */
@ConfigurationProperties("stride.keycloak")
public record KeycloakProperties(@DefaultValue("http://localhost:8180") String url, @DefaultValue("stride") String realm,
		@DefaultValue("stride-web") String clientId, @DefaultValue("stride-web-dev-secret") String clientSecret,
		@DefaultValue("stride-provisioner") String provisionerId,
		@DefaultValue("stride-provisioner-dev-secret") String provisionerSecret) {

	public String issuer() {
		return url + "/realms/" + realm;
	}

	String admin(String path) {
		return url + "/admin/realms/" + realm + path;
	}

	String endpoint(String name) {
		return issuer() + "/protocol/openid-connect/" + name;
	}
}
