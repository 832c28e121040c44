package health.stride.platform.tenancy;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every transaction hands the current tenant to PostgreSQL, and only for its own duration. The
 * pool holds a single connection, so each transaction reuses the connection of the one before.
 */
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=1")
class TenantBindingTests {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final TenantId LAKESIDE = TenantId.of("lakeside");

	@Autowired TransactionTemplate transactions;
	@Autowired JdbcClient jdbc;

	@Test
	void bindsTheCurrentTenantForTheTransaction() {
		assertThat(CurrentTenant.callAs(NORTHSIDE, this::tenantSeenByDatabase)).isEqualTo("northside");
	}

	@Test
	void bindsNoTenantToATransactionThatFollowsAnotherTenantsOnTheSameConnection() {

		var first = CurrentTenant.callAs(NORTHSIDE, this::backendAndTenant);
		var second = backendAndTenant();
		var third = CurrentTenant.callAs(LAKESIDE, this::backendAndTenant);

		assertThat(second.backend()).isEqualTo(first.backend()).isEqualTo(third.backend());
		assertThat(first.tenant()).isEqualTo("northside");
		assertThat(second.tenant()).isEmpty();
		assertThat(third.tenant()).isEqualTo("lakeside");
	}

	@Test
	void leavesNoTenantOnTheConnectionAfterTheTransaction() {

		CurrentTenant.runAs(NORTHSIDE, this::tenantSeenByDatabase);

		var outsideAnyTransaction = jdbc.sql("select coalesce(current_setting('stride.tenant_id', true), '')")
				.query(String.class).single();

		assertThat(outsideAnyTransaction).isEmpty();
	}

	@Test
	void refusesToSwitchTenantInsideATransaction() {

		CurrentTenant.runAs(NORTHSIDE, () -> transactions.executeWithoutResult(status -> {

			assertThatIllegalStateException()
					.isThrownBy(() -> CurrentTenant.runAs(LAKESIDE, () -> {}))
					.withMessageContaining("inside a running transaction");

			assertThatNoException().isThrownBy(() -> CurrentTenant.runAs(NORTHSIDE, () -> {}));
		}));
	}

	private String tenantSeenByDatabase() {
		return backendAndTenant().tenant();
	}

	private BackendAndTenant backendAndTenant() {
		return transactions.execute(status -> jdbc
				.sql("select pg_backend_pid() as backend, current_setting('stride.tenant_id', true) as tenant")
				.query(BackendAndTenant.class)
				.single());
	}

	record BackendAndTenant(int backend, String tenant) {}
}
