package health.stride.platform.tenancy;

import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * Boot's JPA transaction manager, with the dialect that binds the current tenant to each
 * transaction. The dialect is wrapped after the entity manager factory contributed its own,
 * because {@link JpaTransactionManager#afterPropertiesSet()} replaces whatever was set before.
 */
class TenantAwareJpaTransactionManager extends JpaTransactionManager {

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		setJpaDialect(new TenantBindingJpaDialect(getJpaDialect()));
	}
}
