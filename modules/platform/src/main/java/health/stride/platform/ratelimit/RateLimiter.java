package health.stride.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Allows each key (a client address, a sponsor) a number of attempts per fixed window of time.
 * Counts live in this process: with several instances each one limits on its own, so a client
 * gets at most the limit times the number of instances.
 * <p>
 * The keys come from outside, so at most {@code maxKeys} are kept (Caffeine's size-bounded cache):
 * a flood of made-up keys cannot grow memory. When full, the least used keys go first, so a key
 * that keeps trying stays counted while one-off keys are dropped.
 */
public final class RateLimiter {

	/** Keys kept unless a caller says otherwise: about 10 MB of counters. */
	public static final int DEFAULT_MAX_KEYS = 100_000;

	private final int limit;
	private final long windowMillis;
	private final Clock clock;
	private final Cache<String, Window> windows;

	public RateLimiter(int limit, Duration window, Clock clock) {
		this(limit, window, DEFAULT_MAX_KEYS, clock);
	}

	public RateLimiter(int limit, Duration window, int maxKeys, Clock clock) {
		if (limit < 1 || window.toMillis() < 1 || maxKeys < 1) {
			throw new IllegalArgumentException("limit, window and maxKeys must be positive");
		}
		this.limit = limit;
		this.windowMillis = window.toMillis();
		this.clock = clock;
		this.windows = Caffeine.newBuilder()
				.maximumSize(maxKeys)
				.expireAfterWrite(window)
				.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
				// evict on the caller's thread, so the bound holds at once and no pool thread is needed
				.executor(Runnable::run)
				.build();
	}

	/** Counts an attempt for the key and tells whether it is within the limit. */
	public boolean tryAcquire(String key) {

		var start = clock.millis() / windowMillis * windowMillis;
		var window = windows.asMap().compute(key,
				(k, current) -> current == null || current.start != start ? new Window(start) : current);

		return window.count.incrementAndGet() <= limit;
	}

	/** Seconds until the key's current window ends, for a {@code Retry-After} header. */
	public long secondsUntilReset() {
		var now = clock.millis();
		return Math.max(1, (now / windowMillis * windowMillis + windowMillis - now + 999) / 1000);
	}

	/** How many keys are counted now (after pending evictions). */
	long keys() {
		windows.cleanUp();
		return windows.estimatedSize();
	}

	private static final class Window {

		final long start;
		final AtomicInteger count = new AtomicInteger();

		Window(long start) {
			this.start = start;
		}
	}
}
