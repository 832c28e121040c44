package health.stride.patients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A patient's record as the people allowed to open it see it: who they are, how to reach them,
 * where they live (licensure), their status, the sponsor that covers them, their care team,
 * where they are in onboarding and how their care is paid.
 */
public record PatientRecord(PatientId id, String username, String firstName, String lastName, LocalDate dateOfBirth,
		String email, @Nullable String phone, String state, String timeZone, PatientStatus status,
		Instant statusChangedAt, @Nullable UUID sponsorId, @Nullable CareTeam careTeam, boolean intakeCompleted,
		int openRedFlags, Payment payment) {

	@Override
	public String toString() {
		return "PatientRecord[id=" + id + "]"; // no personal details in logs
	}
}
