package health.stride.platform.events;

import java.time.Clock;
import java.time.Duration;

import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Deletes event publications completed longer ago than {@code stride.events.keep-completed} (7
 * days). The registry's table is shared by every clinic and has no row-level security, so nothing
 * is kept there longer than it helps to trace what the listeners did. Incomplete publications stay
 * whatever their age: they are what a restart re-publishes.
 * <p>
 * Every node schedules the purge at the same minute; a ShedLock row in {@code platform.shedlock},
 * timed by the database's clock, lets one of them run it. The lock is kept for a few minutes
 * after the purge, so a node whose schedule fires a little late does not run it again.
 */
public class CompletedPublicationsPurge {

	static final String LOCK = "event-publication-purge";
	static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);
	static final Duration LOCK_AT_LEAST = Duration.ofMinutes(5);

	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompletedPublicationsPurge.class);

	private final CompletedEventPublications completed;
	private final LockingTaskExecutor locks;
	private final Duration keep;
	private final Clock clock;

	CompletedPublicationsPurge(CompletedEventPublications completed, LockingTaskExecutor locks, Duration keep,
			Clock clock) {
		if (keep.isNegative()) {
			throw new IllegalArgumentException("stride.events.keep-completed must not be negative");
		}
		this.completed = completed;
		this.locks = locks;
		this.keep = keep;
		this.clock = clock;
	}

	@Scheduled(cron = "${stride.events.purge-cron:0 17 * * * *}", zone = "UTC")
	void scheduled() {
		try {
			purge();
		} catch (RuntimeException failed) { // the next hour tries again; a failed purge loses nothing
			LOG.warn("Purging completed event publications failed: {}", failed.getMessage());
		}
	}

	/**
	 * Deletes the publications completed longer ago than the window, unless another node holds the
	 * purge's lock.
	 *
	 * @return whether this call ran the purge
	 */
	public boolean purge() {
		try {
			return locks.executeWithLock(() -> {
				completed.deletePublicationsOlderThan(keep);
				return true;
			}, new LockConfiguration(clock.instant(), LOCK, LOCK_AT_MOST, LOCK_AT_LEAST)).wasExecuted();
		} catch (RuntimeException | Error failed) {
			throw failed;
		} catch (Throwable failed) {
			throw new IllegalStateException(failed);
		}
	}
}
