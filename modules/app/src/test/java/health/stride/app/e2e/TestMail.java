package health.stride.app.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One SMTP server (GreenMail) for all end-to-end tests of a JVM: Stride's own emails and
 * Keycloak's (the test realm is pointed at it) land here, to be read as the recipient would.
 */
final class TestMail {

	private static GreenMail server;

	private TestMail() {}

	static synchronized GreenMail server() {
		if (server == null) {
			server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-mail-stop"));
		}
		return server;
	}

	static int port() {
		return server().getSmtp().getPort();
	}

	/** The messages sent to this address so far. */
	static List<MimeMessage> to(String address) {
		return Arrays.stream(server().getReceivedMessages()).filter(message -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch(it -> it.toString().equalsIgnoreCase(address));
			} catch (MessagingException e) {
				return false;
			}
		}).toList();
	}

	/** Waits for the first message to this address whose text matches, and gives the match. */
	static Matcher awaitMatch(String address, Pattern pattern) {
		return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
				.until(() -> to(address).stream().map(TestMail::text).map(pattern::matcher).filter(Matcher::find)
						.findFirst().orElse(null), java.util.Objects::nonNull);
	}

	/** The decoded text of every part of the message. */
	static String text(MimeMessage message) {
		try {
			return text(message.getContent());
		} catch (MessagingException | IOException e) {
			return GreenMailUtil.getBody(message);
		}
	}

	private static String text(Object content) throws MessagingException, IOException {
		if (content instanceof Multipart parts) {
			var text = new StringBuilder();
			for (int i = 0; i < parts.getCount(); i++) {
				text.append(text(parts.getBodyPart(i).getContent())).append('\n');
			}
			return text.toString();
		}
		return content instanceof String text ? text : "";
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
