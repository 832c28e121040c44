package health.stride.app.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Stride's Keycloak realm is and how the pages' client authenticates to it.
 *
 * @param url Keycloak's base URL as browsers and the application both reach it
 * @param realm the realm holding Stride's users and clinics (organizations)
 * @param clientId the confidential client of the pages
 * @param clientSecret its secret (STRIDE_KEYCLOAK_CLIENT_SECRET; see {@link DevelopmentSecretsGuard})
 * @param provisionerId the service-account client that creates accounts
 * @param provisionerSecret its secret (STRIDE_KEYCLOAK_PROVISIONER_SECRET)
 * @param apiAudience the audience the realm's audience mapper puts into tokens meant for Stride's API
 * @param authorizedParties the clients whose tokens the API accepts (the token's {@code azp})
 */
@ConfigurationProperties("stride.keycloak")
public record KeycloakProperties(@DefaultValue("http://localhost:8180") String url, @DefaultValue("stride") String realm,
		@DefaultValue("stride-web") String clientId, String clientSecret,
		@DefaultValue("stride-provisioner") String provisionerId, String provisionerSecret,
		@DefaultValue("stride-api") String apiAudience, @DefaultValue("stride-web") List<String> authorizedParties) {

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
