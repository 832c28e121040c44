package health.stride;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

import health.stride.patients.RecordingAccounts;

/**
 * Boots the patients module with the modules it depends on (eligibility, and the shared platform)
 * for its module tests. Signing up is eligibility's business and tested there against a real
 * Keycloak; here accounts are handed out without one, so a signup can open a patient record.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class PatientsTestApplication {

	@Bean
	RecordingAccounts accounts() {
		return new RecordingAccounts();
	}
}
