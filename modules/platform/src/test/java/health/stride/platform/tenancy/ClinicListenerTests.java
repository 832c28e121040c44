package health.stride.platform.tenancy;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link ClinicListener} runs as its event's clinic: on its own thread, in its own transaction,
 * which PostgreSQL sees bound to that clinic, whatever the publisher's tenant was.
 */
@SpringBootTest
class ClinicListenerTests {

	record SomethingHappened(TenantId tenant, UUID id) implements ClinicEvent {}

	record Seen(String thread, String tenant, String databaseTenant, boolean inTransaction) {}

	static class Listener {

		private final Map<UUID, Seen> seen = new ConcurrentHashMap<>();
		private final JdbcClient jdbc;

		Listener(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@ClinicListener
		void on(SomethingHappened event) {
			seen.put(event.id(), new Seen(Thread.currentThread().getName(),
					CurrentTenant.get().map(TenantId::value).orElse(""),
					jdbc.sql("select coalesce(current_setting('stride.tenant_id', true), '')").query(String.class).single(),
					TransactionSynchronizationManager.isActualTransactionActive()));
		}

		Map<UUID, Seen> seen() {
			return seen;
		}
	}

	@TestConfiguration
	static class Listening {

		@Bean
		Listener clinicListener(JdbcClient jdbc) {
			return new Listener(jdbc);
		}
	}

	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate transactions;
	@Autowired Listener listener;

	@Test
	void runsTheListenerAsTheEventsClinicInItsOwnTransaction() {

		var id = UUID.randomUUID();
		var publisher = Thread.currentThread().getName();

		CurrentTenant.runAs(TenantId.of("northside"), () -> transactions
				.executeWithoutResult(status -> events.publishEvent(new SomethingHappened(TenantId.of("lakeside"), id))));

		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listener.seen()).containsKey(id));

		var seen = listener.seen().get(id);
		assertThat(seen.thread()).isNotEqualTo(publisher);
		assertThat(seen.tenant()).isEqualTo("lakeside");
		assertThat(seen.databaseTenant()).isEqualTo("lakeside");
		assertThat(seen.inTransaction()).isTrue();
	}

	@Test
	void leavesNoClinicBehindOnTheListenersThread() {

		var first = UUID.randomUUID();

		transactions.executeWithoutResult(status -> events.publishEvent(new SomethingHappened(TenantId.of("lakeside"), first)));
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listener.seen()).containsKey(first));

		assertThat(CurrentTenant.get()).isEmpty();
	}
}
