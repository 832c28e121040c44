package health.stride.app.security;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;

/**
 * The clinic of a signed-in user, if Stride serves it: an organization in Keycloak that is not a
 * registered clinic is no tenant. Registered clinics are remembered, as clinics are never removed.
 */
@Component
class KnownClinics {

	private final ClinicRegistry registry;
	private final Set<TenantId> known = ConcurrentHashMap.newKeySet();

	KnownClinics(ClinicRegistry registry) {
		this.registry = registry;
	}

	Optional<TenantId> clinicOf(StrideUser user) {
		return user.clinic().filter(this::isRegistered);
	}

	private boolean isRegistered(TenantId clinic) {

		if (known.contains(clinic)) {
			return true;
		}
		if (registry.isRegistered(clinic)) {
			known.add(clinic);
			return true;
		}
		return false;
	}
}
