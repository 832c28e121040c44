package health.stride.app;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;

/**
 * What only the real servlet container shows. The address the coverage check limits count is the
 * connection's, unless the connection comes from a trusted proxy (Tomcat's RemoteIpValve): here
 * only 127.0.0.1 is a trusted proxy, and 127.0.0.2 plays a client that sends its own
 * {@code X-Forwarded-For}. And a form with text Stride refuses gets the error page that says why.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1", "stride.coverage-checks.per-address=12" })
class RealServerTests {

	@LocalServerPort int port;
	@Autowired ClinicRegistry clinics;

	String clinic;

	@BeforeEach
	void aClinic() {
		clinic = clinics.register(TenantId.of("addr-" + UUID.randomUUID()), "Addresses").tenant().value();
	}

	@Test
	void ignoresAForwardedForHeaderFromAnUntrustedAddress() throws IOException {

		var statuses = new ArrayList<Integer>();
		for (int attempt = 0; attempt < 13; attempt++) {
			statuses.add(check("127.0.0.2", "198.51.100." + attempt));
		}

		assertThat(statuses.subList(0, 12)).as("the allowance set in the properties, 12 checks").containsOnly(200);
		assertThat(statuses.get(12)).as("the 13th check from one client, whatever address it names").isEqualTo(429);
	}

	@Test
	void takesTheClientAddressFromATrustedProxy() throws IOException {

		var statuses = new ArrayList<Integer>();
		for (int attempt = 0; attempt < 13; attempt++) {
			statuses.add(check("127.0.0.1", "203.0.113." + attempt));
		}

		assertThat(statuses).as("13 clients behind the proxy, one check each").containsOnly(200);
	}

	@Test
	void explainsOnTheErrorPageWhyFormTextWasRefused() throws Exception {

		var client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		var page = "http://127.0.0.1:" + port + "/c/" + clinic + "/check-coverage";

		var form = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(page)).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString()).body();
		var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
		assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();

		var fields = "_csrf=" + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
				+ "&sponsorCode=ACME&firstName=Maya%00&lastName=Okafor&dateOfBirth=1986-04-12&memberId=A1";
		var answer = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(page))
				.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(fields)).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("use what you sent").contains("cannot be kept")
				.contains("Go back, correct it");
	}

	/** A coverage check over a connection from the given local address; answers the status code. */
	private int check(String from, String forwardedFor) throws IOException {

		var body = """
				{"clinic":"%s","sponsorCode":"NOSUCH","firstName":"Maya","lastName":"Okafor","dateOfBirth":"1986-04-12","memberId":"A1"}"""
				.formatted(clinic).getBytes(StandardCharsets.UTF_8);
		var head = "POST /api/coverage-checks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "X-Forwarded-For: " + forwardedFor + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";

		try (var socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(body);
			socket.getOutputStream().flush();
			return Integer.parseInt(statusLine(socket.getInputStream()).split(" ")[1]);
		}
	}

	private static String statusLine(InputStream in) throws IOException {
		var line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
			line.append((char) c);
		}
		return line.toString().strip();
	}

}
