package health.stride.eligibility;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Roster uploads: the file is kept aside, the import queued, and then run in the background
 * while its progress and outcome can be read at any time.
 */
public interface RosterImports {

	/** Larger uploads are refused before they are read (1,000,000 members take about 70 MB). */
	public static final long MAX_FILE_SIZE = 128L * 1024 * 1024;

	/**
	 * Queues the roster for the sponsor of the current clinic and starts importing it in the
	 * background.
	 *
	 * @param requestedBy the user id of the uploader, for the record
	 */
	RosterImportId submit(SponsorSummary sponsor, String fileName, InputStream content, String requestedBy);

	Optional<RosterImportReport> report(RosterImportId id);
	List<RosterImportReport> latest(SponsorId sponsor, int limit);

	/** The upload is larger than {@link #MAX_FILE_SIZE}. */
	public static class RosterTooLarge extends RuntimeException {

		public RosterTooLarge() {
			super("The roster is larger than 128 MB.");
		}
	}
}
