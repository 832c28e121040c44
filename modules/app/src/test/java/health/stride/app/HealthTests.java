package health.stride.app;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health over the real server: on the same application context as {@link RealServerTests}, not one more. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1", "stride.coverage-checks.per-address=12" })
class HealthTests {

	@LocalServerPort int port;

	@Test
	void reportsUpWithTheDatabase() throws IOException, InterruptedException {

		var response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
				BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}
}
