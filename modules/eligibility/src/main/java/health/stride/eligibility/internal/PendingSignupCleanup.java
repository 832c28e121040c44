package health.stride.eligibility.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import health.stride.eligibility.Signups;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Signups whose emailed link expired unused are removed with their disabled accounts, so an
 * abandoned (or someone else's) signup does not hold a username or an address for ever. Removing
 * is idempotent, so several instances may run it.
 */
@Component
class PendingSignupCleanup {

	private static final Logger LOG = LoggerFactory.getLogger(PendingSignupCleanup.class);

	private final Signups signups;
	private final ClinicRegistry clinics;

	PendingSignupCleanup(Signups signups, ClinicRegistry clinics) {
		this.signups = signups;
		this.clinics = clinics;
	}

	@Scheduled(fixedDelayString = "${stride.signup.cleanup-interval:PT10M}",
			initialDelayString = "${stride.signup.cleanup-interval:PT10M}")
	void removeExpired() {
		for (var clinic : clinics.all()) {
			try {
				var removed = CurrentTenant.callAs(clinic.tenant(), signups::removeExpired);
				if (removed > 0) {
					LOG.info("Removed {} expired signup(s) of clinic {}", removed, clinic.tenant());
				}
			} catch (RuntimeException failed) { // one clinic's trouble does not hold up the others
				LOG.warn("Removing expired signups of clinic {} failed: {}", clinic.tenant(), failed.getMessage());
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Scheduling {}
}
