package health.stride.patients;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;

/**
 * Accounts without Keycloak for the patients module's tests: kept in memory with what was asked of
 * them (role, password, emailed links), refusing a username taken in the same clinic, and able to
 * fail at the n-th account from now.
 */
public class RecordingAccounts implements Accounts {

	public record Made(TenantId clinic, NewAccount account, Role role) {}

	private final Map<String, Made> accounts = new ConcurrentHashMap<>();
	private final List<String> emailed = new CopyOnWriteArrayList<>();
	private final AtomicInteger failAt = new AtomicInteger(-1);

	@Override
	public AccountId create(TenantId clinic, NewAccount account, Role role) {

		if (failAt.getAndDecrement() == 0) {
			throw new AccountsUnavailable("Keycloak is down (test)", null);
		}
		synchronized (accounts) {
			if (accounts.values().stream().anyMatch(it -> it.clinic().equals(clinic)
					&& it.account().username().equalsIgnoreCase(account.username()))) {
				throw new AccountConflict("username");
			}
			var id = UUID.randomUUID().toString();
			accounts.put(id, new Made(clinic, account, role));
			return new AccountId(id);
		}
	}

	@Override
	public AccountId createUnconfirmed(TenantId clinic, NewAccount account, Role role) {
		return create(clinic, account, role);
	}

	@Override
	public void emailPasswordSetup(AccountId account, Duration linkValidFor) {
		emailed.add(account.value());
	}

	@Override
	public void confirm(AccountId account) {}

	@Override
	public void delete(AccountId account) {
		accounts.remove(account.value());
	}

	@Override
	public void disable(AccountId account) {}

	@Override
	public void revoke(TenantId clinic, String username, @Nullable AccountId account) {}

	/** The next {@code n} accounts are made, the one after fails as if Keycloak were down. */
	public void failAfter(int n) {
		failAt.set(n);
	}

	public void reset() {
		failAt.set(-1);
	}

	public @Nullable Made account(String id) {
		return accounts.get(id);
	}

	public boolean exists(String username) {
		return accounts.values().stream().anyMatch(it -> it.account().username().equals(username));
	}

	public boolean emailed(String id) {
		return emailed.contains(id);
	}
}
