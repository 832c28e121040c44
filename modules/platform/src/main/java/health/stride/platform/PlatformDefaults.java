package health.stride.platform;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings that are part of Stride's architecture rather than of a deployment, so that the
 * application and every module's tests run the same way. Added last: any configuration may
 * still override them.
 */
class PlatformDefaults implements EnvironmentPostProcessor {

	static final Map<String, Object> DEFAULTS = Map.of(
			// each module owns its migrations in db/migration/<module>, shared ones in db/migration/__root
			"spring.modulith.runtime.flyway-enabled", "true",
			// migrations only; never let Hibernate touch the schema
			"spring.jpa.hibernate.ddl-auto", "none",
			"spring.jpa.open-in-view", "false",
			// the event publication table is created by a __root migration
			"spring.modulith.events.jdbc.schema-initialization.enabled", "false",
			// single node: publications a crash left incomplete are re-published when it comes back
			"spring.modulith.events.republish-outstanding-events-on-restart", "true",
			"spring.jpa.properties.hibernate.jdbc.time_zone", "UTC");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource("strideDefaults", DEFAULTS));
	}
}
