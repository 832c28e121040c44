package health.stride.app.e2e;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with its demo data on the port the test Keycloak's realm expects, signing users
 * in against that Keycloak, and sending its emails (and Keycloak's) to the tests' mail server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
abstract class EndToEndTestSupport {

	static final String PASSWORD = "stride-demo";

	@DynamicPropertySource
	static void keycloak(DynamicPropertyRegistry registry) {
		registry.add("stride.keycloak.url", () -> TestKeycloak.server().url());
		registry.add("stride.keycloak.client-secret", () -> TestKeycloak.CLIENT_SECRET);
		registry.add("stride.keycloak.provisioner-secret", () -> TestKeycloak.PROVISIONER_SECRET);
		registry.add("server.port", TestKeycloak::applicationPort);
		// ask Keycloak often whether a page session's Keycloak session stands, so tests need not wait a minute
		registry.add("stride.sessions.revalidate-every", () -> "2s");
		registry.add("stride.public-url", EndToEndTestSupport::appUrl);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", TestMail::port);
		// visit emails go out from their outbox every few seconds rather than every minute
		registry.add("stride.visits.email-interval", () -> "PT2S");
	}

	static String appUrl() {
		return "http://localhost:" + TestKeycloak.applicationPort();
	}
}
