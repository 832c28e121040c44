package health.stride.app.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server with readable mailboxes for the local run: GreenMail standalone from Maven
 * Central, run as a child process on 127.0.0.1. Stride and Keycloak send to its SMTP port; every
 * address gets a mailbox, read through GreenMail's web API ({@code /api/user/<address>/messages/INBOX})
 * or by IMAP with the address as login and password. Nothing leaves the machine.
 *
 * @param jar the {@code greenmail-standalone} jar (Maven copies it under {@code .stride/})
 * @param smtpPort the SMTP port
 * @param imapPort the IMAP port
 * @param apiPort the port of GreenMail's web API and page
 * @param log where GreenMail's output goes
 * @param javaHome a JDK to use, or none to search the machine
 * @param startupTimeout how long to wait for GreenMail to answer
 */
public record MailDevServer(Path jar, int smtpPort, int imapPort, int apiPort, Path log, @Nullable Path javaHome,
		Duration startupTimeout) {

	private static final Logger LOG = LoggerFactory.getLogger(MailDevServer.class);

	public String apiUrl() {
		return "http://localhost:" + apiPort;
	}

	/** Starts GreenMail, unless one already answers on the API port. */
	public Running start() {

		if (answers()) {
			LOG.info("A mail server already answers at {}; using it", apiUrl());
			return new Running(null);
		}
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No GreenMail at " + jar.toAbsolutePath()
					+ "; build once with ./mvnw (Maven copies com.icegreen:greenmail-standalone there)");
		}

		var java = Jdks.find(17, javaHome).resolve("bin/java").toString();
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			var process = new ProcessBuilder(List.of(java,
					"-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
					"-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + imapPort,
					"-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
					"-Dgreenmail.auth.disabled", "-jar", jar.toAbsolutePath().toString()))
					.redirectErrorStream(true).redirectOutput(log.toFile()).start();

			var deadline = Instant.now().plus(startupTimeout);
			while (Instant.now().isBefore(deadline)) {
				if (!process.isAlive()) {
					throw new IllegalStateException("GreenMail stopped during startup; see " + log.toAbsolutePath());
				}
				if (answers()) {
					LOG.info("Mail for the local run: SMTP on 127.0.0.1:{}, mailboxes at {}/api/user/<address>/messages/INBOX",
							smtpPort, apiUrl());
					return new Running(process);
				}
				Thread.sleep(250);
			}
			process.destroy();
			throw new IllegalStateException("GreenMail did not answer within " + startupTimeout + "; see " + log.toAbsolutePath());

		} catch (IOException e) {
			throw new UncheckedIOException("Could not start GreenMail", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for GreenMail", e);
		}
	}

	boolean answers() {
		return HttpProbe.answersOk(apiUrl() + "/api/configuration");
	}

	/** A started (or found) mail server; closing it stops the process this application started. */
	public static final class Running implements AutoCloseable {

		private final @Nullable Process process;

		Running(@Nullable Process process) {
			this.process = process;
		}

		@Override
		public void close() {
			if (process == null || !process.isAlive()) {
				return;
			}
			process.destroy();
			try {
				if (!process.waitFor(20, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
			LOG.info("GreenMail stopped");
		}
	}
}
