package health.stride.app.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import health.stride.app.devservices.KeycloakDevServer;

/**
 * One Keycloak for all end-to-end tests of a JVM, with a fresh database (so the realm file is
 * imported as it is now), on free ports chosen before the application starts, since the realm's
 * redirect URIs name the application's address.
 */
final class TestKeycloak {

	/** Fresh client secrets for each run, so the tests never sign in with the published development ones. */
	static final String CLIENT_SECRET = UUID.randomUUID().toString();
	static final String PROVISIONER_SECRET = UUID.randomUUID().toString();

	private static KeycloakDevServer.Running running;
	private static int applicationPort;

	private TestKeycloak() {}

	static synchronized KeycloakDevServer server() {

		if (running == null) {
			applicationPort = freePort();
			var server = new KeycloakDevServer(Path.of(System.getProperty("stride.test.keycloak.distribution")),
					temporaryDirectory(), freePort(), Path.of(System.getProperty("stride.test.keycloak.realm-file")),
					Path.of(System.getProperty("stride.test.keycloak.realm-overlay")), "http://localhost:" + applicationPort,
					Map.of("STRIDE_WEB_CLIENT_SECRET", CLIENT_SECRET, "STRIDE_PROVISIONER_SECRET", PROVISIONER_SECRET,
							// start-dev reloads its themes and templates for every page (for theme authors); the tests'
							// Keycloak keeps them, as a production one does, so each sign-in page is not built from scratch
							"KC_SPI_THEME_CACHE_THEMES", "true", "KC_SPI_THEME_CACHE_TEMPLATES", "true"), null,
					Duration.ofMinutes(4));
			running = server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(running::close, "test-keycloak-stop"));
			try {
				// Keycloak's own emails (set-password links) go to the tests' mail server
				KeycloakAdmin.sendEmailsTo("127.0.0.1", TestMail.port());
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		return running.server();
	}

	static synchronized int applicationPort() {
		server();
		return applicationPort;
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("stride-keycloak-");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
