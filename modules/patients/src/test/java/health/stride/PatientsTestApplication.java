package health.stride;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

import health.stride.platform.identity.Accounts;
import health.stride.platform.tenancy.TenantId;

/**
 * Boots the patients module with the modules it depends on (eligibility, and the shared platform)
 * for its module tests. Signing up is eligibility's business and tested there; the patients here
 * are registered by the clinic, so no account is ever created.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class PatientsTestApplication {

	@Bean
	Accounts accounts() {
		return new Accounts() {

			@Override
			public AccountId createPatient(TenantId clinic, NewAccount account) {
				throw new UnsupportedOperationException("The patients module tests create no accounts");
			}

			@Override
			public void delete(AccountId account) {}
		};
	}
}
