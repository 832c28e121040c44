package health.stride.eligibility.web;

import static org.assertj.core.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import health.stride.eligibility.SponsorCode;
import health.stride.platform.tenancy.TenantId;

class CoverageCheckLimitsTests {

	final Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
	final TenantId clinic = TenantId.of("northside");
	final Optional<SponsorCode> acme = Optional.of(SponsorCode.of("ACME"));

	@Test
	void chargesTheSponsorOnlyForAttemptsTheAddressWasAllowed() {

		var limits = new CoverageCheckLimits(new CoverageCheckLimits.Limits(2, 5, Duration.ofMinutes(10), 1_000), clock);

		for (int attempt = 0; attempt < 100; attempt++) {
			limits.allow("203.0.113.7", clinic, acme);
		}

		assertThat(limits.allow("198.51.100.1", clinic, acme)).as("a member from another address after one noisy address")
				.isTrue();
	}

	@Test
	void stillStopsAnAttackSpreadOverManyAddresses() {

		var limits = new CoverageCheckLimits(new CoverageCheckLimits.Limits(2, 5, Duration.ofMinutes(10), 1_000), clock);

		for (int address = 0; address < 5; address++) {
			assertThat(limits.allow("203.0.113." + address, clinic, acme)).isTrue();
		}

		assertThat(limits.allow("203.0.113.99", clinic, acme)).as("the sponsor's sixth attempt").isFalse();
	}

	@Test
	void countsAnIpv6NetworkAsOneClient() {

		var limits = new CoverageCheckLimits(new CoverageCheckLimits.Limits(2, 300, Duration.ofMinutes(10), 1_000), clock);

		assertThat(limits.allow("2001:db8:1:2::1", clinic, acme)).isTrue();
		assertThat(limits.allow("2001:db8:1:2:aaaa::7", clinic, acme)).isTrue();
		assertThat(limits.allow("2001:db8:1:2:ffff:1:2:3", clinic, acme)).as("a third address of the same /64").isFalse();
		assertThat(limits.allow("2001:db8:1:3::1", clinic, acme)).as("another /64").isTrue();
	}
}
