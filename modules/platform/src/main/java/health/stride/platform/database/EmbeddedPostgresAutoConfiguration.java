package health.stride.platform.database;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Without a configured datasource, Stride runs on an embedded PostgreSQL: the application
 * connects as {@code stride_app}, Flyway as {@code stride_owner}, exactly as against a real
 * server. Setting {@code spring.datasource.url} (e.g. {@code SPRING_DATASOURCE_URL}) switches it off.
 */
@AutoConfiguration(before = { DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class })
@ConditionalOnClass(EmbeddedPostgres.class)
@Conditional(EmbeddedPostgresAutoConfiguration.NoDataSourceConfigured.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
class EmbeddedPostgresAutoConfiguration {

	@Bean(destroyMethod = "release")
	EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresProperties properties) {
		return EmbeddedPostgresServer.acquire(properties);
	}

	@Bean
	JdbcConnectionDetails embeddedPostgresConnection(EmbeddedPostgresServer server) {
		return new AppConnection(server.jdbcUrl(), EmbeddedPostgresServer.APP, EmbeddedPostgresServer.APP_PASSWORD);
	}

	@Bean
	FlywayConnectionDetails embeddedPostgresFlywayConnection(EmbeddedPostgresServer server) {
		return new OwnerConnection(server.jdbcUrl(), EmbeddedPostgresServer.OWNER,
				EmbeddedPostgresServer.OWNER_PASSWORD);
	}

	record AppConnection(String getJdbcUrl, String getUsername, String getPassword) implements JdbcConnectionDetails {}

	record OwnerConnection(String getJdbcUrl, String getUsername, String getPassword)
			implements FlywayConnectionDetails {}

	static class NoDataSourceConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return context.getEnvironment().containsProperty("spring.datasource.url")
					? ConditionOutcome.noMatch("spring.datasource.url is set")
					: ConditionOutcome.match("no spring.datasource.url, starting an embedded PostgreSQL");
		}
	}
}
