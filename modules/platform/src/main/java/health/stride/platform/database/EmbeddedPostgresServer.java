package health.stride.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 started from the binaries on Maven Central, for machines without Docker.
 * Application contexts {@linkplain #acquire share} one server per JVM, and the last one to close
 * stops it. On first start in a data directory it creates the {@code stride} database and its roles with the same script
 * that docker-compose uses ({@code infra/postgres/init-stride.sql}).
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	static final String DATABASE = "stride";
	static final String OWNER = "stride_owner";
	static final String OWNER_PASSWORD = "stride-owner";
	static final String APP = "stride_app";
	static final String APP_PASSWORD = "stride-app";

	private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
	private static final String INIT_SCRIPT = "health/stride/platform/database/init-stride.sql";

	private static EmbeddedPostgresServer shared;
	private static int users;

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static synchronized EmbeddedPostgresServer acquire(EmbeddedPostgresProperties properties) {

		if (shared == null) {
			shared = start(properties);
		}

		users++;
		return shared;
	}

	/** Gives back a server obtained from {@link #acquire}; the last user stops it. */
	void release() {

		synchronized (EmbeddedPostgresServer.class) {
			if (shared != this || --users > 0) {
				return;
			}
			shared = null;
		}

		close();
	}

	@Override
	public void close() {
		try {
			postgres.close();
		} catch (IOException e) {
			LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:%d/%s".formatted(postgres.getPort(), DATABASE);
	}

	static EmbeddedPostgresServer start(EmbeddedPostgresProperties properties) {

		try {
			// Stopped by whoever holds it (the application contexts, on close), never by a JVM
			// shutdown hook of its own that could stop it under a context still shutting down.
			var builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
			var dataDirectory = properties.dataDirectory();

			if (properties.port() > 0) {
				builder.setPort(properties.port());
			}
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				// kept data deserves the durability a throw-away test server goes without
				builder.setDataDirectory(dataDirectory.toFile())
						.setCleanDataDirectory(false)
						.setServerConfig("fsync", "on")
						.setServerConfig("synchronous_commit", "on");
			}

			var postgres = builder.start();
			initialize(postgres.getPostgresDatabase(), postgres);

			LOG.info("Embedded PostgreSQL listening on 127.0.0.1:{} (data: {})", postgres.getPort(),
					dataDirectory == null ? "temporary" : dataDirectory.toAbsolutePath());

			return new EmbeddedPostgresServer(postgres);

		} catch (IOException e) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
		}
	}

	private static void initialize(DataSource superuser, EmbeddedPostgres postgres) {

		var exists = JdbcClient.create(superuser)
				.sql("select count(*) from pg_database where datname = ?")
				.param(DATABASE)
				.query(Integer.class)
				.single() > 0;

		if (exists) {
			return;
		}

		JdbcClient.create(superuser).sql("create database " + DATABASE).update();

		try (var connection = postgres.getDatabase("postgres", DATABASE).getConnection()) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource(INIT_SCRIPT));
		} catch (SQLException e) {
			throw new IllegalStateException("Could not create Stride's database roles", e);
		}
	}
}
