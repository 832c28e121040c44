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
		registry.add("server.port", TestKeycloak::applicationPort);
		registry.add("stride.public-url", EndToEndTestSupport::appUrl);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", TestMail::port);
	}

	static String appUrl() {
		return "http://localhost:" + TestKeycloak.applicationPort();
	}
}
