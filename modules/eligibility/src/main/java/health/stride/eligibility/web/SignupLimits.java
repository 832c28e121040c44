package health.stride.eligibility.web;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import health.stride.platform.ratelimit.RateLimiter;

/**
 * Signups are public, so they are rationed per client address like coverage checks: nobody can
 * try usernames, or spend checks and send emails, at speed.
 */
@Component
class SignupLimits {

	private final RateLimiter addresses;

	SignupLimits(Clock clock, @Value("${stride.signup.limit.per-address:10}") int perAddress,
			@Value("${stride.signup.limit.window:PT10M}") Duration window) {
		this.addresses = new RateLimiter(perAddress, window, clock);
	}

	/** Counts an attempt; false when the address has used up its allowance. */
	boolean allow(String clientAddress) {
		return addresses.tryAcquire(clientAddress);
	}

	long secondsUntilReset() {
		return addresses.secondsUntilReset();
	}
}
