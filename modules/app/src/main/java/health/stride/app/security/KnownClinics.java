package health.stride.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;

/**
 * The clinic of a signed-in user, if Stride serves it: an organization in Keycloak that is not a
 * registered clinic is no tenant. What the registry says about a clinic is remembered for a few
 * seconds only ({@code stride.clinics.known-for}), so every node sharing the database learns of a
 * new clinic, and of a suspension or reactivation, within that window without asking on every request.
 */
@Component
public class KnownClinics {

	private final ClinicRegistry registry;
	private final Clock clock;
	private final Duration knownFor;
	private final Map<TenantId, Known> known = new ConcurrentHashMap<>();

	KnownClinics(ClinicRegistry registry, Clock clock,
			@Value("${stride.clinics.known-for:PT5S}") Duration knownFor) {
		this.registry = registry;
		this.clock = clock;
		this.knownFor = knownFor;
	}

	/** The user's clinic when it is registered, suspended or not. */
	Optional<TenantId> clinicOf(StrideUser user) {
		return user.clinic().filter(clinic -> lookUp(clinic).registered());
	}

	/** Whether the clinic's access is paused. */
	boolean isSuspended(TenantId clinic) {
		return lookUp(clinic).suspended();
	}

	/**
	 * Forgets what it knew about the clinic, so this node sees a change made here (a new clinic, a
	 * suspension, a reactivation) at once; other nodes see it when their entry expires.
	 */
	public void forget(TenantId clinic) {
		known.remove(clinic);
	}

	private Known lookUp(TenantId clinic) {

		var now = clock.instant();
		var entry = known.get(clinic);
		if (entry != null && entry.checkedAt().plus(knownFor).isAfter(now)) {
			return entry;
		}

		var found = registry.find(clinic);
		var fresh = new Known(found.isPresent(), found.map(it -> it.isSuspended()).orElse(false), now);
		known.put(clinic, fresh);
		return fresh;
	}

	/** What the registry said about a clinic, and when. */
	private record Known(boolean registered, boolean suspended, Instant checkedAt) {}
}
