package health.stride.platform.events;

import static org.assertj.core.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/**
 * Completed publications leave the shared, tenant-less registry table after the window; incomplete
 * ones stay for the restart to re-publish; and however many nodes schedule the purge, one runs it.
 */
@SpringBootTest
class CompletedPublicationsPurgeTests {

	@Autowired CompletedPublicationsPurge purge;
	@Autowired CompletedEventPublications completed;
	@Autowired DataSource dataSource;
	@Autowired JdbcClient jdbc;

	/** As if the last purge's lock ran out (ShedLock remembers its rows, so they are expired, not deleted). */
	@BeforeEach
	void noNodeHoldsThePurge() {
		jdbc.sql("update platform.shedlock set lock_until = timezone('utc', now()) - interval '1 second'").update();
	}

	@Test
	void deletesCompletedPublicationsOlderThanSevenDaysAndKeepsNewerAndIncompleteOnes() {

		var old = publication(Instant.now().minus(Duration.ofDays(9)), Instant.now().minus(Duration.ofDays(8)));
		var recent = publication(Instant.now().minus(Duration.ofDays(6)), Instant.now().minus(Duration.ofDays(6)));
		var incomplete = publication(Instant.now().minus(Duration.ofDays(30)), null);

		assertThat(purge.purge()).isTrue();

		assertThat(exists(old)).as("completed 8 days ago").isFalse();
		assertThat(exists(recent)).as("completed 6 days ago").isTrue();
		assertThat(exists(incomplete)).as("never completed: the restart re-publishes it").isTrue();
	}

	@Test
	void runsOnceWhenTwoNodesPurgeAtTheSameMoment() throws Exception {

		var old = publication(Instant.now().minus(Duration.ofDays(9)), Instant.now().minus(Duration.ofDays(8)));
		var start = new CountDownLatch(1);
		Callable<Boolean> nodeA = () -> { start.await(); return node("node-a").purge(); };
		Callable<Boolean> nodeB = () -> { start.await(); return node("node-b").purge(); };

		try (var nodes = Executors.newFixedThreadPool(2)) {
			var a = nodes.submit(nodeA);
			var b = nodes.submit(nodeB);
			start.countDown();
			assertThat(java.util.List.of(a.get(), b.get())).as("which node ran the purge").containsOnlyOnce(true);
		}
		assertThat(exists(old)).isFalse();
		assertThat(node("node-c").purge()).as("the lock outlasts the purge by a few minutes").isFalse();
	}

	@Test
	void leavesEverythingWhileAnotherNodeHoldsThePurge() {

		jdbc.sql("""
				insert into platform.shedlock (name, lock_until, locked_at, locked_by)
				values (?, timezone('utc', now()) + interval '10 minutes', timezone('utc', now()), 'node-b')
				on conflict (name) do update
				set lock_until = excluded.lock_until, locked_at = excluded.locked_at, locked_by = excluded.locked_by""")
				.param(CompletedPublicationsPurge.LOCK).update();
		var old = publication(Instant.now().minus(Duration.ofDays(9)), Instant.now().minus(Duration.ofDays(8)));

		assertThat(purge.purge()).isFalse();
		assertThat(exists(old)).isTrue();
	}

	/** Another instance of Stride: its own lock provider on the same database. */
	CompletedPublicationsPurge node(String name) {
		var locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource)).withTableName("platform.shedlock").usingDbTime()
				.withLockedByValue(name).build());
		return new CompletedPublicationsPurge(completed, new DefaultLockingTaskExecutor(locks), Duration.ofDays(7),
				Clock.systemUTC());
	}

	UUID publication(Instant published, @Nullable Instant completedAt) {
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				    completion_date, status, completion_attempts)
				values (?, 'purge-tests', 'health.stride.Something', ?, ?, ?, ?, 1)""")
				.params(id, "{\"id\":\"" + id + "\"}", java.sql.Timestamp.from(published),
						completedAt == null ? null : java.sql.Timestamp.from(completedAt),
						completedAt == null ? "PUBLISHED" : "COMPLETED")
				.update();
		return id;
	}

	boolean exists(UUID publication) {
		return jdbc.sql("select count(*) from event_publication where id = ?").param(publication).query(Integer.class)
				.single() == 1;
	}
}
