package health.stride.platform.database;

import java.util.Arrays;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.modulith.runtime.flyway.SpringModulithFlywayMigrationStrategy;

/**
 * Runs the {@code __root} migrations (event publication registry, tenant isolation helper) before
 * Spring Modulith's per-module migrations. Spring Modulith 2.1.0 skips {@code __root} inside
 * {@code @ApplicationModuleTest}s (spring-modulith#1750, fixed in later releases that are not
 * fully available here), and every module test needs those tables. Outside tests the second
 * pass over {@code __root} finds nothing to do.
 */
class RootMigrationsFirst implements FlywayMigrationStrategy {

	private final SpringModulithFlywayMigrationStrategy modules;

	RootMigrationsFirst(SpringModulithFlywayMigrationStrategy modules) {
		this.modules = modules;
	}

	@Override
	public void migrate(Flyway flyway) {

		var configuration = flyway.getConfiguration();
		var rootLocations = Arrays.stream(configuration.getLocations())
				.map(location -> location + "/__root")
				.toArray(String[]::new);

		Flyway.configure()
				.configuration(configuration)
				.locations(rootLocations)
				.baselineVersion("0")
				.baselineOnMigrate(true)
				.load()
				.migrate();

		modules.migrate(flyway);
	}
}
