package health.stride.patients;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Red-flag symptoms a patient reported, at intake or any time later. A report stays open until a
 * clinician of the clinic has looked at it and cleared it with a note.
 */
public interface RedFlags {

	public static final int MAX_NOTE = 2_000;

	public enum Source {
		INTAKE, REPORT
	}

	public record Report(UUID id, Source source, Set<RedFlag> symptoms, Instant reportedAt, @Nullable Instant clearedAt,
			@Nullable String clearedBy, @Nullable String clearNote) {

		public boolean open() {
			return clearedAt == null;
		}

		/** Whether any symptom calls for an emergency department now. */
		public boolean emergency() {
			return symptoms.stream().anyMatch(it -> it.urgency() == RedFlag.Urgency.EMERGENCY);
		}

		@Override
		public String toString() {
			return "Report[id=" + id + "]";
		}
	}

	/**
	 * Records the symptoms a patient answered "yes" to and announces them.
	 *
	 * @throws IllegalArgumentException without any symptom, or for a patient of another clinic
	 */
	Report report(PatientId patient, Set<RedFlag> symptoms, Source source);

	/** The patient's reports, newest first. */
	List<Report> of(PatientId patient);

	List<Report> open(PatientId patient);

	/**
	 * A clinician's review of an open report: cleared, with a note saying what was done.
	 *
	 * @return false if there is no such open report for this patient
	 */
	boolean clear(PatientId patient, UUID report, String note);
}
