package health.stride.platform.tenancy;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.ConnectionHandle;
import org.springframework.orm.jpa.JpaDialect;
import org.springframework.transaction.TransactionDefinition;

/**
 * Hands the current tenant to PostgreSQL at the start of every transaction, as the
 * transaction-local setting {@code stride.tenant_id} that the row-level-security policies read.
 * Transaction-local means the setting ends with the transaction, so a pooled connection never
 * carries one clinic's tenant into the next borrower's work. Without a tenant the setting is
 * empty and the policies match no row.
 */
class TenantBindingJpaDialect implements JpaDialect {

	static final String BIND_TENANT = "select set_config('stride.tenant_id', ?, true)";

	private final JpaDialect delegate;

	TenantBindingJpaDialect(JpaDialect delegate) {
		this.delegate = delegate;
	}

	@Override
	public @Nullable Object beginTransaction(EntityManager entityManager, TransactionDefinition definition)
			throws SQLException {

		var transactionData = delegate.beginTransaction(entityManager, definition);
		var tenant = CurrentTenant.get().map(TenantId::value).orElse("");

		entityManager.unwrap(Session.class).doWork(connection -> bind(connection, tenant));

		return transactionData;
	}

	static void bind(Connection connection, String tenant) throws SQLException {
		try (var statement = connection.prepareStatement(BIND_TENANT)) {
			statement.setString(1, tenant);
			statement.execute();
		}
	}

	@Override
	public @Nullable Object prepareTransaction(EntityManager entityManager, boolean readOnly, @Nullable String name) {
		return delegate.prepareTransaction(entityManager, readOnly, name);
	}

	@Override
	public void cleanupTransaction(@Nullable Object transactionData) {
		delegate.cleanupTransaction(transactionData);
	}

	@Override
	public @Nullable ConnectionHandle getJdbcConnection(EntityManager entityManager, boolean readOnly)
			throws SQLException {
		return delegate.getJdbcConnection(entityManager, readOnly);
	}

	@Override
	public void releaseJdbcConnection(ConnectionHandle conHandle, EntityManager entityManager) throws SQLException {
		delegate.releaseJdbcConnection(conHandle, entityManager);
	}

	@Override
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		return delegate.translateExceptionIfPossible(ex);
	}
}
