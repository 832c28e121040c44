package health.stride.platform.tenancy;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Gives Hibernate's {@code @TenantId} discriminator the current tenant. Sessions opened without
 * one get an empty tenant, which matches no row and is refused by the database on insert.
 */
class CurrentTenantResolver implements CurrentTenantIdentifierResolver<String> {

	static final String NO_TENANT = "";

	@Override
	public String resolveCurrentTenantIdentifier() {
		return CurrentTenant.get().map(TenantId::value).orElse(NO_TENANT);
	}

	@Override
	public boolean validateExistingCurrentSessions() {
		return true;
	}
}
