package health.stride.platform.database;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.modulith.runtime.flyway.SpringModulithFlywayMigrationStrategy;

@AutoConfiguration(before = FlywayAutoConfiguration.class,
		afterName = "org.springframework.modulith.runtime.autoconfigure.SpringModulithRuntimeAutoConfiguration")
class MigrationsAutoConfiguration {

	@Bean
	@Primary
	@ConditionalOnBean(SpringModulithFlywayMigrationStrategy.class)
	RootMigrationsFirst rootMigrationsFirst(SpringModulithFlywayMigrationStrategy modules) {
		return new RootMigrationsFirst(modules);
	}
}
