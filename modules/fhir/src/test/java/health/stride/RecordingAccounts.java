package health.stride;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;

/** Accounts kept in memory for the care teams module's tests: which exist and which are disabled. */
public class RecordingAccounts implements Accounts {

	private final Set<String> live = ConcurrentHashMap.newKeySet();
	private final Set<String> disabled = ConcurrentHashMap.newKeySet();
	private final Set<String> withPassword = ConcurrentHashMap.newKeySet();
	private final Set<String> setupEmailed = ConcurrentHashMap.newKeySet();

	@Override
	public AccountId create(TenantId clinic, NewAccount account, Role role) {
		var id = UUID.randomUUID().toString();
		live.add(id);
		if (account.password() != null) {
			withPassword.add(id);
		}
		return new AccountId(id);
	}

	@Override
	public void emailPasswordSetup(AccountId account, java.time.Duration linkValidFor) {
		setupEmailed.add(account.value());
	}

	/** How many accounts were created with a password someone else chose. */
	public int withPassword() {
		return withPassword.size();
	}

	public boolean wasEmailedPasswordSetup(String account) {
		return setupEmailed.contains(account);
	}

	/** The live accounts that were never emailed a link to choose their password. */
	public Set<String> withoutPasswordSetup() {
		var missing = new java.util.HashSet<>(live);
		missing.removeAll(setupEmailed);
		return missing;
	}

	@Override
	public void delete(AccountId account) {
		live.remove(account.value());
	}

	@Override
	public void disable(AccountId account) {
		disabled.add(account.value());
	}

	@Override
	public void revoke(TenantId clinic, String username, @Nullable AccountId account) {
		disabled.add(username);
		if (account != null) {
			disabled.add(account.value());
		}
	}

	public boolean exists(String account) {
		return live.contains(account);
	}

	/** Whether the account (by id or username) had its access revoked. */
	public boolean isDisabled(String account) {
		return disabled.contains(account);
	}

	public int count() {
		return live.size();
	}
}
