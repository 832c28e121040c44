package health.stride.eligibility.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows to a {@code COPY ... from stdin (format binary)} in PostgreSQL's binary format:
 * PostgreSQL then parses no text, which is most of what a COPY costs it. Rows are sent in chunks
 * of about 128 KB.
 */
final class BinaryCopy {

	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };
	private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
	private static final int CHUNK = 128 * 1024;

	private final CopyIn copy;
	private byte[] buffer = new byte[CHUNK * 2];
	private int position;

	BinaryCopy(CopyIn copy) {
		this.copy = copy;
		put(SIGNATURE);
		putInt(0); // flags
		putInt(0); // header extension length
	}

	/** Starts a row of the given number of fields. */
	BinaryCopy row(int fields) {
		if (position >= CHUNK) {
			send();
		}
		ensure(2);
		putShort(fields);
		return this;
	}

	BinaryCopy integer(int value) {
		ensure(8);
		putInt(4);
		putInt(value);
		return this;
	}

	BinaryCopy uuid(UUID value) {
		ensure(20);
		putInt(16);
		putLong(value.getMostSignificantBits());
		putLong(value.getLeastSignificantBits());
		return this;
	}

	BinaryCopy date(@Nullable LocalDate value) {
		if (value == null) {
			return nothing();
		}
		ensure(8);
		putInt(4);
		putInt(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
		return this;
	}

	BinaryCopy text(@Nullable String value) {

		if (value == null) {
			return nothing();
		}

		var bytes = value.getBytes(StandardCharsets.UTF_8);
		ensure(4 + bytes.length);
		putInt(bytes.length);
		put(bytes);
		return this;
	}

	/** Sends the end-of-data marker and ends the COPY; returns the number of rows stored. */
	long finish() {
		ensure(2);
		putShort(-1);
		send();
		try {
			return copy.endCopy();
		} catch (SQLException e) {
			throw new IllegalStateException("Could not finish loading the roster", e);
		}
	}

	private BinaryCopy nothing() {
		ensure(4);
		putInt(-1);
		return this;
	}

	private void send() {
		try {
			copy.writeToCopy(buffer, 0, position);
			position = 0;
		} catch (SQLException e) {
			throw new IllegalStateException("Could not load the roster", e);
		}
	}

	private void ensure(int bytes) {
		if (position + bytes > buffer.length) {
			var larger = new byte[Math.max(buffer.length * 2, position + bytes)];
			System.arraycopy(buffer, 0, larger, 0, position);
			buffer = larger;
		}
	}

	private void put(byte[] bytes) {
		System.arraycopy(bytes, 0, buffer, position, bytes.length);
		position += bytes.length;
	}

	private void putShort(int value) {
		buffer[position++] = (byte) (value >>> 8);
		buffer[position++] = (byte) value;
	}

	private void putInt(int value) {
		buffer[position++] = (byte) (value >>> 24);
		buffer[position++] = (byte) (value >>> 16);
		buffer[position++] = (byte) (value >>> 8);
		buffer[position++] = (byte) value;
	}

	private void putLong(long value) {
		putInt((int) (value >>> 32));
		putInt((int) value);
	}
}
