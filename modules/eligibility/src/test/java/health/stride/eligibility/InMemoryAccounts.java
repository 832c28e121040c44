package health.stride.eligibility;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;

/** Accounts kept in memory for module tests, able to fail like Keycloak does. */
public class InMemoryAccounts implements Accounts {

	private final Map<String, NewAccount> accounts = new ConcurrentHashMap<>();
	private final Set<String> enabled = ConcurrentHashMap.newKeySet();
	private volatile boolean unavailable;

	@Override
	public AccountId create(TenantId clinic, NewAccount account, Role role) {
		var id = createUnconfirmed(clinic, account, role);
		enabled.add(id.value());
		return id;
	}

	@Override
	public AccountId createUnconfirmed(TenantId clinic, NewAccount account, Role role) {

		if (unavailable) {
			throw new AccountsUnavailable("Keycloak is down (test)", null);
		}
		if (usernameTaken(account.username())) {
			throw new AccountConflict("username");
		}
		if (accounts.values().stream().anyMatch(it -> it.email().equalsIgnoreCase(account.email()))) {
			throw new AccountConflict("email");
		}

		var id = UUID.randomUUID().toString();
		accounts.put(id, account);
		return new AccountId(id);
	}

	@Override
	public void confirm(AccountId account) {
		if (unavailable) {
			throw new AccountsUnavailable("Keycloak is down (test)", null);
		}
		enabled.add(account.value());
	}

	@Override
	public boolean usernameTaken(String username) {
		return accounts.values().stream().anyMatch(it -> it.username().equals(username));
	}

	@Override
	public void delete(AccountId account) {
		accounts.remove(account.value());
		enabled.remove(account.value());
	}

	@Override
	public void disable(AccountId account) {
		enabled.remove(account.value());
	}

	@Override
	public void revoke(TenantId clinic, String username, @org.jspecify.annotations.Nullable AccountId account) {
		if (account != null) {
			enabled.remove(account.value());
		}
		find(username).ifPresent(enabled::remove);
	}

	public boolean exists(String username) {
		return find(username).isPresent();
	}

	/** Whether the account exists and may sign in. */
	public boolean isEnabled(String username) {
		return find(username).map(enabled::contains).orElse(false);
	}

	public Optional<String> emailOf(String username) {
		return find(username).map(id -> accounts.get(id).email());
	}

	private Optional<String> find(String username) {
		return accounts.entrySet().stream().filter(it -> it.getValue().username().equals(username)).map(Map.Entry::getKey)
				.findFirst();
	}

	/** Makes creating and confirming accounts fail, as when Keycloak goes down in the middle of a signup. */
	public void failing(boolean unavailable) {
		this.unavailable = unavailable;
	}
}
