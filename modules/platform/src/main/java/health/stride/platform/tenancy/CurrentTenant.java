package health.stride.platform.tenancy;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenant the current thread works for. Set around a request (from the signed-in user's token)
 * or around an event listener (from the event), and read by the transaction manager, which binds
 * it to the database connection, and by Hibernate's tenant discriminator.
 * <p>
 * A tenant cannot change inside a running transaction: the database session and the Hibernate
 * session took theirs when the transaction began.
 */
public final class CurrentTenant {

	private static final ThreadLocal<TenantId> TENANT = new ThreadLocal<>();

	private CurrentTenant() {}

	public static Optional<TenantId> get() {
		return Optional.ofNullable(TENANT.get());
	}

	public static TenantId require() {
		return get().orElseThrow(() -> new IllegalStateException("No tenant is set for this thread"));
	}

	public static void runAs(TenantId tenant, Runnable action) {
		callAs(tenant, () -> {
			action.run();
			return null;
		});
	}

	public static <T> T callAs(TenantId tenant, Supplier<T> action) {

		var previous = TENANT.get();

		if (!tenant.equals(previous) && TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException(
					"Cannot switch to tenant " + tenant + " inside a running transaction; start the transaction inside");
		}

		TENANT.set(tenant);
		try {
			return action.get();
		} finally {
			if (previous == null) {
				TENANT.remove();
			} else {
				TENANT.set(previous);
			}
		}
	}
}
