package health.stride.patients;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One episode of a patient's care, numbered from 1: open from {@code openedAt} until the therapist
 * discharged the patient ({@code closedAt}, with the reason, their short summary and who they were).
 */
public record Episode(PatientId patient, int number, Instant openedAt, @Nullable Instant closedAt,
		@Nullable DischargeReason reason, @Nullable String summary, @Nullable String dischargedBy) {

	/** The longest discharge summary Stride keeps (the database refuses a longer one too). */
	public static final int SUMMARY_LIMIT = 2000;

	public boolean isOpen() {
		return closedAt == null;
	}

	/** Whether something that happened at this moment belongs to the episode. */
	public boolean covers(Instant moment) {
		return !moment.isBefore(openedAt) && (closedAt == null || !moment.isAfter(closedAt));
	}
}
