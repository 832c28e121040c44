package health.stride.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import health.stride.platform.i18n.Language;

/** A member who signed up, with what the patient record starts from (the language they chose too). */
public record Enrollment(EnrollmentId id, UUID patientId, SponsorId sponsor, String accountId, String username,
		String email, String firstName, String lastName, LocalDate dateOfBirth, String state, String timeZone,
		Language language, Instant enrolledAt) {

	@Override
	public String toString() {
		return "Enrollment[id=" + id + ", patientId=" + patientId + "]"; // no personal details in logs
	}
}
