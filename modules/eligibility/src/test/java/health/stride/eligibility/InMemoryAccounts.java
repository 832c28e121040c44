package health.stride.eligibility;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;

/** Accounts kept in memory for module tests, able to fail like Keycloak does. */
public class InMemoryAccounts implements Accounts {

	private final Map<String, NewAccount> accounts = new ConcurrentHashMap<>();
	private final java.util.Set<String> disabled = ConcurrentHashMap.newKeySet();
	private volatile boolean unavailable;

	@Override
	public AccountId create(TenantId clinic, NewAccount account, Role role) {

		if (unavailable) {
			throw new AccountsUnavailable("Keycloak is down (test)", null);
		}
		if (accounts.values().stream().anyMatch(it -> it.username().equals(account.username()))) {
			throw new AccountConflict("username", "This username is taken. Please choose another one.");
		}

		var id = UUID.randomUUID().toString();
		accounts.put(id, account);
		return new AccountId(id);
	}

	@Override
	public void delete(AccountId account) {
		accounts.remove(account.value());
	}

	@Override
	public void revoke(TenantId clinic, String username, @org.jspecify.annotations.Nullable AccountId account) {
		disabled.add(account == null ? username : account.value());
	}

	public boolean exists(String username) {
		return accounts.values().stream().anyMatch(it -> it.username().equals(username));
	}

	public void failing(boolean unavailable) {
		this.unavailable = unavailable;
	}
}
