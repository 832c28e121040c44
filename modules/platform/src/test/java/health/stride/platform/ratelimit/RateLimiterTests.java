package health.stride.platform.ratelimit;

import static org.assertj.core.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class RateLimiterTests {

	final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
	final Clock clock = new Clock() {
		@Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
		@Override public Clock withZone(java.time.ZoneId zone) { return this; }
		@Override public Instant instant() { return now.get(); }
	};

	@Test
	void allowsTheLimitPerKeyAndWindowThenRefuses() {

		var limiter = new RateLimiter(3, Duration.ofMinutes(10), clock);

		assertThat(limiter.tryAcquire("a")).isTrue();
		assertThat(limiter.tryAcquire("a")).isTrue();
		assertThat(limiter.tryAcquire("a")).isTrue();
		assertThat(limiter.tryAcquire("a")).isFalse();
		assertThat(limiter.tryAcquire("b")).as("another key has its own count").isTrue();
		assertThat(limiter.secondsUntilReset()).isEqualTo(600);

		now.set(now.get().plus(Duration.ofMinutes(10)));

		assertThat(limiter.tryAcquire("a")).as("a new window starts afresh").isTrue();
	}

	@Test
	void keepsAtMostTheGivenNumberOfKeysWhateverKeysArrive() {

		var limiter = new RateLimiter(3, Duration.ofMinutes(10), 1_000, clock);

		for (int i = 0; i < 50_000; i++) {
			limiter.tryAcquire("spoofed-" + i);
		}

		assertThat(limiter.keys()).as("keys kept after 50,000 made-up ones").isLessThanOrEqualTo(1_000);
	}

	@Test
	void keepsCountingAKeyThatKeepsTryingWhileMadeUpKeysFloodIn() {

		var limiter = new RateLimiter(3, Duration.ofMinutes(10), 1_000, clock);

		for (int i = 0; i < 20_000; i++) {
			limiter.tryAcquire("attacker");
			limiter.tryAcquire("spoofed-" + i);
		}

		assertThat(limiter.tryAcquire("attacker")).as("the flood did not reset the attacker's count").isFalse();
	}
}
