package health.stride;

import java.util.UUID;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;

/**
 * Boots the patients module with the modules it depends on (eligibility, and the shared platform)
 * for its module tests. Signing up is eligibility's business and tested there against a real
 * Keycloak; here accounts are handed out without one, so a signup can open a patient record.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class PatientsTestApplication {

	@Bean
	Accounts accounts() {
		return new Accounts() {

			@Override
			public AccountId create(TenantId clinic, NewAccount account, Role role) {
				return new AccountId(UUID.randomUUID().toString());
			}

			@Override
			public AccountId createUnconfirmed(TenantId clinic, NewAccount account, Role role) {
				return create(clinic, account, role);
			}

			@Override
			public void confirm(AccountId account) {}

			@Override
			public void delete(AccountId account) {}

			@Override
			public void disable(AccountId account) {}

			@Override
			public void revoke(TenantId clinic, String username, @org.jspecify.annotations.Nullable AccountId account) {}
		};
	}
}
