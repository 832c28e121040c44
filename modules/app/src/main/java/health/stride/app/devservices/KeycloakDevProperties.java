package health.stride.app.devservices;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Keycloak the local run starts beside the application.
 *
 * @param enabled whether to start (or find) Keycloak on startup
 * @param distribution the unpacked Keycloak distribution
 * @param dataDirectory Keycloak's database and log, kept between runs
 * @param port Keycloak's HTTP port on 127.0.0.1
 * @param realmFile the production realm, imported on first start with the overlay laid over it
 * @param realmOverlay the development overlay: demo users and clinics, the script client, known secrets
 * @param javaHome the JDK 21+ for Keycloak; searched for when not set
 * @param startupTimeout how long the application waits for Keycloak
 */
@ConfigurationProperties("stride.dev.keycloak")
record KeycloakDevProperties(boolean enabled, Path distribution, @DefaultValue(".stride/keycloak/data") Path dataDirectory,
		@DefaultValue("8180") int port, @DefaultValue("infra/keycloak/realm-stride.json") Path realmFile,
		@DefaultValue("infra/keycloak/dev/realm-stride-dev.json") Path realmOverlay,
		@Nullable Path javaHome, @DefaultValue("180s") Duration startupTimeout) {}
