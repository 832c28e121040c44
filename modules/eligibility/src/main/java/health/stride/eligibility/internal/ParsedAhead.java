package health.stride.eligibility.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Parses a roster on a thread of its own, up to a few thousand lines ahead of the reader, so that
 * reading and checking the file runs on one core while the reader sends the rows on from another.
 * Rejected lines go to the error consumer on the parsing thread; the reader sees them all once
 * {@link #next()} has returned null. Whatever the parser throws is thrown by {@link #next()}.
 */
final class ParsedAhead implements AutoCloseable {

	private static final int BATCH = 1_000;
	private static final Object END = new Object();

	private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
	private final Thread thread;
	private volatile long rowsRead = -1;

	ParsedAhead(RosterParser parser, InputStream file, Consumer<RowError> errors, String threadName) {
		this.thread = Thread.ofPlatform().name(threadName).daemon().start(() -> {
			try {
				var batches = new Batches();
				var count = parser.parse(file, batches, errors);
				batches.hand();
				rowsRead = count;
				put(END);
			} catch (Interrupted stopped) {
				// the reader gave up
			} catch (RuntimeException | Error e) {
				try {
					put(e);
				} catch (Interrupted stopped) {
					// the reader gave up
				}
			}
		});
	}

	/** The next rows in file order, or null after the last. */
	@Nullable
	@SuppressWarnings("unchecked")
	List<RosterRow> next() {
		Object item;
		try {
			item = queue.take();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the roster", e);
		}
		if (item == END) {
			return null;
		}
		if (item instanceof RuntimeException e) {
			throw e;
		}
		if (item instanceof Error e) {
			throw e;
		}
		return (List<RosterRow>) item;
	}

	/** The number of member lines read, valid and rejected; known once {@link #next()} returned null. */
	long rowsRead() {
		return rowsRead;
	}

	/** Stops the parsing thread if it is still running and waits for it. */
	@Override
	public void close() {
		thread.interrupt();
		try {
			thread.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void put(Object item) {
		try {
			queue.put(item);
		} catch (InterruptedException e) {
			throw new Interrupted();
		}
	}

	/** Collects parsed rows and hands them to the reader a batch at a time. */
	private final class Batches implements Consumer<RosterRow> {

		private List<RosterRow> batch = new ArrayList<>(BATCH);

		@Override
		public void accept(RosterRow row) {
			batch.add(row);
			if (batch.size() == BATCH) {
				hand();
			}
		}

		void hand() {
			put(batch);
			batch = new ArrayList<>(BATCH);
		}
	}

	private static final class Interrupted extends RuntimeException {

		Interrupted() {
			super(null, null, false, false);
		}
	}
}
