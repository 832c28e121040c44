package health.stride.eligibility.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import health.stride.eligibility.SponsorCode;
import health.stride.platform.ratelimit.RateLimiter;
import health.stride.platform.tenancy.TenantId;

/**
 * Coverage checks are public, so they are rationed: per client address, so nobody can try names
 * and birth dates at speed, and per sponsor, so a distributed attempt on one roster also stalls.
 */
@Component
class CoverageCheckLimits {

	static final int PER_ADDRESS = 10;
	static final int PER_SPONSOR = 300;
	static final Duration WINDOW = Duration.ofMinutes(10);

	private final RateLimiter addresses;
	private final RateLimiter sponsors;

	CoverageCheckLimits(Clock clock) {
		this.addresses = new RateLimiter(PER_ADDRESS, WINDOW, clock);
		this.sponsors = new RateLimiter(PER_SPONSOR, WINDOW, clock);
	}

	/**
	 * Counts an attempt; false when the address or the sponsor has used up its allowance. Both are
	 * counted either way (hence {@code &}); codes that are no sponsor's share one allowance.
	 */
	boolean allow(String clientAddress, TenantId clinic, Optional<SponsorCode> sponsor) {
		return addresses.tryAcquire(clientAddress)
				& sponsors.tryAcquire(clinic + "/" + sponsor.map(SponsorCode::value).orElse("-"));
	}

	long secondsUntilReset() {
		return addresses.secondsUntilReset();
	}
}
