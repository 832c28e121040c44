package health.stride.patients;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Finished intakes as kept on record, the current episode's and those of earlier episodes of care, as a record
 * to hand on (the FHIR API). It answers whoever asks: the caller decides who may read whose intake, and audits
 * it. An intake still being filled in is not here.
 */
public interface FinishedIntakes {

	/** The answers of one finished intake: whose, of which episode of care, and when the patient finished it. */
	record FinishedIntake(PatientId patient, int episode, Instant completedAt, IntakeAnswers answers) {

		@Override
		public String toString() {
			return "FinishedIntake[episode=" + episode + "]"; // health information stays out of logs
		}
	}

	/** The intake the patient finished in that episode of care. */
	Optional<FinishedIntake> find(PatientId patient, int episode);

	/**
	 * One page of the intakes of these patients ({@code null}: every patient of the current clinic) finished
	 * from {@code from} (inclusive) until {@code until} (exclusive), either open, the latest first.
	 */
	List<FinishedIntake> page(@Nullable Collection<PatientId> patients, @Nullable Instant from, @Nullable Instant until,
			int offset, int limit);

	/**
	 * The finished intakes of the window's patients that rated at least one activity on the functional scale,
	 * in its order (by {@code completedAt}, ties by patient, then episode), at most its limit: for a reader
	 * that merges them with other records into one order and cuts it anywhere.
	 */
	List<FinishedIntake> withPsfsInOrder(TimeWindow window);
}
