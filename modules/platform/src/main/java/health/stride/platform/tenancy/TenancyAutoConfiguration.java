package health.stride.platform.tenancy;

import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * Enforces tenant isolation twice: Hibernate filters every tenant-owned entity by the current
 * tenant, and every transaction hands the tenant to PostgreSQL, whose row-level security holds
 * even for code that bypasses Hibernate.
 */
@AutoConfiguration(before = HibernateJpaAutoConfiguration.class)
class TenancyAutoConfiguration {

	@Bean
	HibernatePropertiesCustomizer tenantIdentifierResolver() {
		return properties -> properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER,
				new CurrentTenantResolver());
	}

	@Bean
	@ConditionalOnMissingBean(TransactionManager.class)
	PlatformTransactionManager transactionManager(ObjectProvider<TransactionManagerCustomizers> customizers) {

		var transactionManager = new TenantAwareJpaTransactionManager();
		customizers.ifAvailable(it -> it.customize(transactionManager));

		return transactionManager;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ClinicListenerAdvisor clinicListenerAdvisor() {
		return new ClinicListenerAdvisor();
	}
}
