package health.stride.fhir.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the tests set by hand, so a visit can be booked ahead and then have taken place. */
final class MovableClock extends Clock {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	void set(Instant instant) {
		now.set(instant);
	}

	void advance(Duration duration) {
		now.updateAndGet(it -> it.plus(duration));
	}

	/** Puts the movable clock in the place of the system's. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Replacing {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}
	}
}
