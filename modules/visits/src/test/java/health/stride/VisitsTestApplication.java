package health.stride;

import java.util.UUID;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;

/**
 * Boots the visits module with the modules above it (and the shared platform) for its module
 * tests. Accounts are handed out without a Keycloak; the end-to-end tests use the real one.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class VisitsTestApplication {

	@Bean
	Accounts accounts() {
		return new Accounts() {

			@Override
			public AccountId create(TenantId clinic, NewAccount account, Role role) {
				return new AccountId(UUID.randomUUID().toString());
			}

			@Override
			public void delete(AccountId account) {}

			@Override
			public void disable(AccountId account) {}

			@Override
			public void revoke(TenantId clinic, String username, @org.jspecify.annotations.Nullable AccountId account) {}
		};
	}
}
