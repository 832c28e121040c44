package health.stride.app.security;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Stride does not start with a client secret that the development realm publishes, or with none,
 * unless the {@code local} profile (the README's run command) is on: a production deployment that
 * forgot to set its secrets fails at once instead of running on secrets anyone can read.
 */
class DevelopmentSecretsGuard implements EnvironmentPostProcessor {

	/** The secrets in {@code infra/keycloak/dev/realm-stride-dev.json}, by the property that would carry them. */
	static final Map<String, String> PUBLISHED = Map.of(
			"stride.keycloak.client-secret", "stride-web-dev-secret",
			"stride.keycloak.provisioner-secret", "stride-provisioner-dev-secret");

	/** Where an operator sets each secret. */
	private static final Map<String, String> VARIABLES = Map.of(
			"stride.keycloak.client-secret", "STRIDE_KEYCLOAK_CLIENT_SECRET",
			"stride.keycloak.provisioner-secret", "STRIDE_KEYCLOAK_PROVISIONER_SECRET");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		check(environment);
	}

	static void check(Environment environment) {

		if (environment.acceptsProfiles(Profiles.of("local"))) {
			return;
		}
		PUBLISHED.forEach((property, published) -> {
			var secret = environment.getProperty(property);
			if (secret == null || secret.isBlank()) {
				throw new IllegalStateException("No Keycloak client secret: set " + VARIABLES.get(property) + " ("
						+ property + "). Only the local profile runs on the development realm's secrets.");
			}
			if (secret.strip().equals(published)) {
				throw new IllegalStateException("Refusing to start with the development realm's published secret in "
						+ property + " outside the local profile: set " + VARIABLES.get(property) + " to the client's real secret.");
			}
		});
	}
}
