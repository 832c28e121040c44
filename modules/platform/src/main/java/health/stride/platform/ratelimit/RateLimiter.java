package health.stride.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Allows each key (a client address, a sponsor) a number of attempts per fixed window of time.
 * Counts live in this process: with several instances each one limits on its own, so a client
 * gets at most the limit times the number of instances.
 */
public final class RateLimiter {

	private static final int MAX_KEYS = 100_000;

	private final int limit;
	private final long windowMillis;
	private final Clock clock;
	private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

	public RateLimiter(int limit, Duration window, Clock clock) {
		this.limit = limit;
		this.windowMillis = window.toMillis();
		this.clock = clock;
	}

	/** Counts an attempt for the key and tells whether it is within the limit. */
	public boolean tryAcquire(String key) {

		var start = clock.millis() / windowMillis * windowMillis;

		if (windows.size() > MAX_KEYS) {
			windows.values().removeIf(window -> window.start < start);
		}

		var window = windows.compute(key, (k, current) -> current == null || current.start != start ? new Window(start) : current);

		return window.count.incrementAndGet() <= limit;
	}

	/** Seconds until the key's current window ends, for a {@code Retry-After} header. */
	public long secondsUntilReset() {
		var now = clock.millis();
		return Math.max(1, (now / windowMillis * windowMillis + windowMillis - now + 999) / 1000);
	}

	private static final class Window {

		final long start;
		final AtomicInteger count = new AtomicInteger();

		Window(long start) {
			this.start = start;
		}
	}
}
