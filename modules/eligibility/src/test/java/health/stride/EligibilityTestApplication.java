package health.stride;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

import health.stride.eligibility.InMemoryAccounts;

/**
 * Boots the eligibility module on its own (with the shared platform) for its module tests. The
 * Keycloak accounts adapter lives in the application; here an in-memory stand-in takes its place,
 * and the end-to-end tests exercise the real one against Keycloak.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class EligibilityTestApplication {

	@Bean
	InMemoryAccounts accounts() {
		return new InMemoryAccounts();
	}
}
