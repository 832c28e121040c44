package health.stride.platform.events;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/** Locks that hold across nodes, and the purge of completed event publications that uses one. */
@AutoConfiguration(afterName = {
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
		"org.springframework.modulith.events.jpa.JpaEventPublicationAutoConfiguration",
		"health.stride.platform.database.EmbeddedPostgresAutoConfiguration" })
@EnableScheduling
class EventPublicationsAutoConfiguration {

	/** ShedLock's rows in {@code platform.shedlock} (a root migration), timed by PostgreSQL's clock. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DataSource.class)
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource))
				.withTableName("platform.shedlock")
				.usingDbTime()
				.build());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(LockProvider.class)
	LockingTaskExecutor lockingTaskExecutor(LockProvider locks) {
		return new DefaultLockingTaskExecutor(locks);
	}

	@Bean
	@ConditionalOnBean({ CompletedEventPublications.class, LockingTaskExecutor.class })
	CompletedPublicationsPurge completedPublicationsPurge(CompletedEventPublications completed,
			LockingTaskExecutor locks, @Value("${stride.events.keep-completed:7d}") Duration keep, Clock clock) {
		return new CompletedPublicationsPurge(completed, locks, keep, clock);
	}
}
