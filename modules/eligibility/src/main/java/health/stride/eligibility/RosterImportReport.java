package health.stride.eligibility;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a roster upload stands, and what it did: counts, and the rejected lines with their line
 * number and reason (the first thousand).
 */
public record RosterImportReport(RosterImportId id, SponsorId sponsor, Status status, @Nullable String fileName,
		long fileSize, long bytesRead, long rowsRead, long added, long updated, long terminated, long rejected,
		List<LineError> errors, @Nullable String failure, Instant createdAt, @Nullable Instant finishedAt) {

	public enum Status {
		QUEUED, RUNNING, COMPLETED, FAILED;

		public boolean finished() {
			return this == COMPLETED || this == FAILED;
		}
	}

	public record LineError(long line, String message) {}

	/** How far the import has read its file, 0 to 100. */
	public int percentDone() {
		if (status.finished()) {
			return 100;
		}
		return fileSize == 0 ? 0 : (int) Math.min(99, bytesRead * 100 / fileSize);
	}
}
