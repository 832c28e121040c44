package health.stride.programs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.TimeWindow;

/**
 * The patients' Patient-Specific Functional Scale rated again after the intake ({@link Outcomes#ratePsfs}), each
 * rating whole, as a record to hand on (the FHIR API). It answers whoever asks: the caller decides who may read
 * whose ratings, and audits it.
 */
public interface PsfsRatings {

	/** One rating: the activities the patient named at intake, each scored 0 (cannot do) to 10 (as before). */
	record PsfsRating(UUID id, PatientId patient, Instant ratedAt, List<PsfsItem> items) {

		public PsfsRating {
			items = List.copyOf(items);
		}

		@Override
		public String toString() {
			return "PsfsRating[id=" + id + "]"; // scores are health information
		}
	}

	Optional<PsfsRating> find(UUID id);

	/**
	 * One page of the ratings of these patients ({@code null}: every patient of the current clinic) made from
	 * {@code from} (inclusive) until {@code until} (exclusive), either open, the newest first.
	 */
	List<PsfsRating> page(@Nullable Collection<PatientId> patients, @Nullable Instant from, @Nullable Instant until,
			int offset, int limit);

	/**
	 * The ratings of the window's patients within it, in its order (by {@code ratedAt}, ties by id), at most its
	 * limit: for a reader that merges them with other records into one order and cuts it anywhere.
	 */
	List<PsfsRating> inOrder(TimeWindow window);
}
