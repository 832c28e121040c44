package health.stride;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

/**
 * Boots the FHIR module with the modules above it (and the shared platform) for its module
 * tests. Accounts are handed out without a Keycloak; the end-to-end tests use the real one.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class FhirTestApplication {

	@Bean
	RecordingAccounts accounts() {
		return new RecordingAccounts();
	}
}
