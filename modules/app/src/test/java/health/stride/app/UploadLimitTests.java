package health.stride.app;

import static org.assertj.core.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * An upload over the size limit is refused with 413 by the real servlet container, before any of
 * it is imported. The limit is lowered to 1 KB here; the application's is 128 MB.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.servlet.multipart.max-file-size=1KB", "spring.servlet.multipart.max-request-size=2KB" })
class UploadLimitTests {

	/** Accepts one fixed token as a clinic administrator of the test's clinic. */
	@TestConfiguration
	static class FixedToken {

		static final String CLINIC = "limits-" + UUID.randomUUID();

		@Bean
		@Primary
		JwtDecoder fixedTokenDecoder() {
			return token -> Jwt.withTokenValue(token).header("alg", "none").subject("admin")
					.claim("typ", "Bearer").claim("preferred_username", "admin.nora")
					.claim("organization", List.of(CLINIC))
					.claim("realm_access", Map.of("roles", List.of("clinic-admin")))
					.issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
		}
	}

	@LocalServerPort int port;
	@Autowired ClinicRegistry clinics;
	@Autowired SponsorManagement sponsors;

	@Test
	void refusesARosterOverTheSizeLimitWith413() throws Exception {

		var clinic = clinics.register(TenantId.of(FixedToken.CLINIC), "Limits").tenant();
		CurrentTenant.runAs(clinic,
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));

		var boundary = "stride-" + UUID.randomUUID();
		var body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + "x".repeat(10_000) + "\r\n--" + boundary + "--\r\n";

		var response = HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/api/sponsors/ACME/rosters"))
				.header("Authorization", "Bearer test")
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"status\":413");
	}
}
