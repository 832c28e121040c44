package health.stride.app.devservices;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts Keycloak for the local run before the application takes requests, and stops it with the
 * application (Ctrl-C stops both).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("stride.dev.keycloak.enabled")
@EnableConfigurationProperties(KeycloakDevProperties.class)
class KeycloakDevConfiguration {

	@Bean(destroyMethod = "close")
	KeycloakDevServer.Running localKeycloak(KeycloakDevProperties properties,
			@Value("${server.port:8080}") int applicationPort) {

		return new KeycloakDevServer(properties.distribution(), properties.dataDirectory(), properties.port(),
				properties.realmFile(), properties.realmOverlay(), "http://localhost:" + applicationPort, Map.of(),
				properties.javaHome(),
				properties.startupTimeout()).start();
	}
}
