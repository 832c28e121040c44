package health.stride.visits;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;

/**
 * A visit between a patient and a clinician. {@code late} says the patient cancelled or moved it
 * within the clinic's notice period.
 */
public record Visit(VisitId id, PatientId patient, UUID clinicianId, String type, Instant startsAt, Instant endsAt,
		VisitStatus status, String bookedBy, Instant bookedAt, @Nullable String cancelledBy,
		@Nullable Instant cancelledAt, boolean late, int rescheduled) {

	public boolean isBooked() {
		return status == VisitStatus.BOOKED;
	}
}
