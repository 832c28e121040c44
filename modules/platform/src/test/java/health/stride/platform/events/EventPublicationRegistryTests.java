package health.stride.platform.events;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events handed to module listeners are stored in the publishing transaction and marked
 * complete once the listener ran, in the table of the root migration.
 */
@SpringBootTest
class EventPublicationRegistryTests {

	record SomethingHappened(UUID id) {}

	static class Listener {

		private final List<UUID> received = new CopyOnWriteArrayList<>();

		@ApplicationModuleListener
		void on(SomethingHappened event) {
			received.add(event.id());
		}

		// the listener is proxied (async, transactional): read its state through a method
		List<UUID> received() {
			return received;
		}
	}

	@TestConfiguration
	static class Listening {

		@Bean
		Listener listener() {
			return new Listener();
		}
	}

	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate transactions;
	@Autowired JdbcClient jdbc;
	@Autowired Listener listener;

	@Test
	void storesThePublicationAndCompletesItAfterTheListenerRan() {

		var id = UUID.randomUUID();

		transactions.executeWithoutResult(status -> events.publishEvent(new SomethingHappened(id)));

		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(listener.received()).contains(id);
			assertThat(publication(id)).isEqualTo("COMPLETED");
		});
	}

	@Test
	void forgetsAnEventWhoseTransactionRolledBack() throws InterruptedException {

		var id = UUID.randomUUID();

		transactions.executeWithoutResult(status -> {
			events.publishEvent(new SomethingHappened(id));
			status.setRollbackOnly();
		});

		Thread.sleep(500);
		assertThat(listener.received()).doesNotContain(id);
		assertThat(jdbc.sql("select count(*) from event_publication where serialized_event like ?")
				.param("%" + id + "%").query(Integer.class).single()).isZero();
	}

	private String publication(UUID id) {
		return jdbc.sql("select status from event_publication where serialized_event like ?")
				.param("%" + id + "%")
				.query(String.class)
				.optional()
				.orElse("none");
	}
}
