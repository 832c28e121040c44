package health.stride.messaging.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the tests move by hand, so a week of reminders runs in seconds. */
final class TestClock extends Clock {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	void set(Instant instant) {
		now.set(instant);
	}

	void reset() {
		now.set(Instant.now());
	}

	void advance(Duration duration) {
		now.updateAndGet(it -> it.plus(duration));
	}

	/** Puts the test clock in the place of the system's. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Replacing {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}
	}
}
