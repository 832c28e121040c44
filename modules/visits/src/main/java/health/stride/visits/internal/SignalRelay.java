package health.stride.visits.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.VisitId;

/**
 * Carries the rooms' messages between Stride's nodes through PostgreSQL, so that two people in one
 * room reach each other whichever node each is connected to. Sending writes the message to
 * {@code visits.room_signal} with its clinic bound and announces it with {@code pg_notify} in the
 * same transaction; every node listens on its own connection, reads each announced message with its
 * clinic bound and hands it to {@link RoomHub}, which gives it to its own connections in that room.
 * The announcement carries the clinic and the message's number only: never what it says.
 * <p>
 * Messages announced while a node's listening connection is down are lost to that node; the browsers
 * recover by themselves (a peer that hears nothing restarts its connection). Messages are removed a
 * minute after they were sent.
 */
@Component
class SignalRelay implements SmartLifecycle {

	static final String CHANNEL = "stride_room";

	private static final Logger LOG = LoggerFactory.getLogger(SignalRelay.class);

	/** A message on its way: to one peer of the room, or to the room ({@code recipient} null). */
	record Signal(TenantId tenant, VisitId visit, UUID sender, @Nullable UUID recipient, String body) {

		@Override
		public String toString() {
			return "Signal[visit=" + visit + "]"; // the body may hold what people wrote
		}
	}

	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final JdbcConnectionDetails database;
	private final ClinicRegistry clinics;
	private volatile @Nullable Consumer<Signal> delivery;
	private volatile boolean running;
	private volatile @Nullable Thread listener;

	SignalRelay(JdbcClient jdbc, PlatformTransactionManager transactions, JdbcConnectionDetails database,
			ClinicRegistry clinics) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.database = database;
		this.clinics = clinics;
	}

	/** Where this node's announced messages go (the hub, once). */
	void deliverTo(Consumer<Signal> delivery) {
		this.delivery = delivery;
	}

	/** Sends a message to the room's peers on every node, after the caller's clinic is bound or not. */
	void send(Signal signal) {
		CurrentTenant.runAs(signal.tenant(), () -> transaction.executeWithoutResult(status -> {
			jdbc.sql("""
					with sent as (
					    insert into visits.room_signal (visit_id, sender, recipient, body) values (?, ?, ?, ?) returning id)
					select pg_notify(?, ? || ' ' || id) from sent""")
					.params(signal.visit().id(), signal.sender(), signal.recipient(), signal.body(), CHANNEL,
							signal.tenant().value())
					.query((row, n) -> 1).single();
		}));
	}

	@Override
	public void start() {
		running = true;
		listener = Thread.ofVirtual().name("room-signals").start(this::listen);
	}

	@Override
	public void stop() {
		running = false;
		var thread = listener;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		var pause = 500L;
		while (running) {
			try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
					database.getPassword())) {
				try (var statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				connection.setAutoCommit(false);
				connection.commit();
				pause = 500L;
				var pg = connection.unwrap(PGConnection.class);
				while (running) {
					var notifications = pg.getNotifications(1000);
					if (notifications != null && notifications.length > 0) {
						var byClinic = new LinkedHashMap<String, List<Long>>();
						for (var notification : notifications) {
							var parts = notification.getParameter().split(" ", 2);
							if (parts.length == 2) {
								byClinic.computeIfAbsent(parts[0], it -> new ArrayList<>()).add(Long.valueOf(parts[1]));
							}
						}
						byClinic.forEach((clinic, ids) -> read(connection, TenantId.of(clinic), ids));
					}
				}
			} catch (SQLException | RuntimeException failed) {
				if (running) {
					LOG.warn("Room signalling lost its database connection ({}); listening again", failed.getClass().getSimpleName());
				}
			}
			try {
				Thread.sleep(pause);
			} catch (InterruptedException stopping) {
				Thread.currentThread().interrupt();
				return;
			}
			pause = Math.min(pause * 2, 10_000L);
		}
	}

	/** Reads announced messages of one clinic, with that clinic bound, and hands them on in order. */
	private void read(Connection connection, TenantId clinic, List<Long> ids) {
		var signals = new ArrayList<Signal>();
		try {
			try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
				bind.setString(1, clinic.value());
				bind.execute();
			}
			try (var select = connection.prepareStatement("""
					select visit_id, sender, recipient, body from visits.room_signal where id = any(?) order by id""")) {
				select.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
				try (var rows = select.executeQuery()) {
					while (rows.next()) {
						signals.add(new Signal(clinic, new VisitId(rows.getObject(1, UUID.class)), rows.getObject(2, UUID.class),
								rows.getObject(3, UUID.class), rows.getString(4)));
					}
				}
			}
			connection.commit();
		} catch (SQLException failed) {
			throw new IllegalStateException("Reading room signals failed", failed);
		}
		var deliver = delivery;
		if (deliver != null) {
			for (var signal : signals) {
				try {
					deliver.accept(signal);
				} catch (RuntimeException failed) { // one connection's trouble does not stop the others' messages
					LOG.warn("Delivering a room signal failed: {}", failed.getClass().getSimpleName());
				}
			}
		}
	}

	/** Removes messages older than a minute, clinic by clinic. Every node may run it; deleting twice is harmless. */
	@Scheduled(fixedDelayString = "${stride.visits.room-signal-cleanup:PT30S}")
	void removeOld() {
		for (var clinic : clinics.all()) {
			CurrentTenant.runAs(clinic.tenant(), () -> transaction.executeWithoutResult(status -> jdbc
					.sql("delete from visits.room_signal where created_at < now() - interval '1 minute'").update()));
		}
	}
}
