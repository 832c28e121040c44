package health.stride.app.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak from the Maven Central distribution, run as a child process on 127.0.0.1 with its own
 * file database. The realm file is imported when the database does not hold the realm yet.
 *
 * @param distribution the unpacked {@code keycloak-quarkus-dist} (Maven unpacks it under {@code .stride/})
 * @param dataDirectory where Keycloak keeps its database and log; kept between runs
 * @param port the HTTP port
 * @param realmFile the production realm file
 * @param realmOverlay the development overlay laid over it before import (see {@link RealmFiles})
 * @param appUrl the application's base URL, for the realm's redirect URIs
 * @param environment more variables for the realm file's placeholders (e.g. client secrets of a test run)
 * @param javaHome a JDK 21+ to use, or none to search the machine
 * @param startupTimeout how long to wait for the realm to answer
 */
public record KeycloakDevServer(Path distribution, Path dataDirectory, int port, Path realmFile, Path realmOverlay,
		String appUrl, Map<String, String> environment, @Nullable Path javaHome, Duration startupTimeout) {

	public static final String REALM = "stride";

	private static final Logger LOG = LoggerFactory.getLogger(KeycloakDevServer.class);

	public String url() {
		return "http://localhost:" + port;
	}

	public String issuer() {
		return url() + "/realms/" + REALM;
	}

	/** Starts Keycloak, unless one already answers for the realm on the port. */
	public Running start() {

		if (realmAnswers()) {
			LOG.info("Keycloak already answers at {}; using it", issuer());
			return new Running(this, null);
		}

		if (!Files.isRegularFile(distribution.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at " + distribution.toAbsolutePath()
					+ "; build once with ./mvnw (Maven unpacks org.keycloak:keycloak-quarkus-dist there)");
		}

		var java = Jdks.find(21, javaHome);

		try {
			Files.createDirectories(dataDirectory);
			var imports = Files.createDirectories(distribution.resolve("data/import"));
			Files.writeString(imports.resolve("realm-" + REALM + ".json"), RealmFiles.merged(realmFile, realmOverlay));

			var log = dataDirectory.resolve("keycloak.log");
			var builder = new ProcessBuilder(command())
					.directory(distribution.toFile())
					.redirectErrorStream(true)
					.redirectOutput(log.toFile());
			builder.environment().putAll(environment(java));
			var process = builder.start();

			LOG.info("Starting Keycloak {} on {} with {} (log: {})", distribution.getFileName(), url(), java,
					log.toAbsolutePath());

			var running = new Running(this, process);
			running.awaitReady(log);
			return running;

		} catch (IOException e) {
			throw new UncheckedIOException("Could not start Keycloak", e);
		}
	}

	private List<String> command() {

		var database = dataDirectory.toAbsolutePath().resolve("keycloakdb");

		var command = new ArrayList<String>();
		command.add("bash"); // the unpacked script may have lost its executable bit
		command.add(distribution.toAbsolutePath().resolve("bin/kc.sh").toString());
		command.add("start-dev");
		command.add("--http-host=127.0.0.1");
		command.add("--http-port=" + port);
		command.add("--hostname=" + url());
		command.add("--import-realm");
		command.add("--db-url=jdbc:h2:file:" + database + ";NON_KEYWORDS=VALUE");

		return command;
	}

	private Map<String, String> environment(Path java) {
		var variables = new java.util.HashMap<>(environment);
		variables.putAll(Map.of(
				"JAVA_HOME", java.toString(),
				"STRIDE_APP_URL", appUrl,
				// the master realm's administrator, for local use only
				"KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
				"KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
		return variables;
	}

	boolean realmAnswers() {
		return HttpProbe.answersOk(issuer() + "/.well-known/openid-configuration");
	}

	/** A started (or found) Keycloak; closing it stops the process this application started. */
	public static final class Running implements AutoCloseable {

		private final KeycloakDevServer server;
		private final @Nullable Process process;

		Running(KeycloakDevServer server, @Nullable Process process) {
			this.server = server;
			this.process = process;
		}

		public KeycloakDevServer server() {
			return server;
		}

		void awaitReady(Path log) {

			var deadline = Instant.now().plus(server.startupTimeout());

			while (Instant.now().isBefore(deadline)) {

				if (process != null && !process.isAlive()) {
					throw new IllegalStateException("Keycloak stopped during startup (exit code %d); see %s:%n%s"
							.formatted(process.exitValue(), log.toAbsolutePath(), tail(log)));
				}
				if (server.realmAnswers()) {
					LOG.info("Keycloak is ready at {}", server.issuer());
					return;
				}
				try {
					Thread.sleep(500);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					close();
					throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
				}
			}

			close();
			throw new IllegalStateException("Keycloak did not answer within %s; see %s:%n%s"
					.formatted(server.startupTimeout(), log.toAbsolutePath(), tail(log)));
		}

		@Override
		public void close() {

			if (process == null || !process.isAlive()) {
				return;
			}

			// kc.sh forwards the signal to Keycloak's JVM; wait for both, and end whatever is left
			var children = process.descendants().toList();
			process.destroy();
			awaitExit(process.toHandle());
			children.forEach(KeycloakDevServer.Running::awaitExit);
			LOG.info("Keycloak stopped");
		}

		private static void awaitExit(ProcessHandle handle) {
			try {
				handle.onExit().get(30, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				handle.destroyForcibly();
			} catch (ExecutionException | TimeoutException e) {
				handle.destroyForcibly();
			}
		}

		private static String tail(Path log) {
			try {
				var lines = Files.readAllLines(log);
				return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
			} catch (IOException e) {
				return "(no log)";
			}
		}
	}
}
