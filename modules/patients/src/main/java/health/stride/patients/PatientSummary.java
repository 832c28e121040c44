package health.stride.patients;

import java.time.LocalDate;

/** Who a patient is, for the people allowed to see their record. */
public record PatientSummary(PatientId id, String username, String firstName, String lastName, LocalDate dateOfBirth,
		String state, String timeZone, PatientStatus status) {

	@Override
	public String toString() {
		return "PatientSummary[id=" + id + "]"; // no personal details in logs
	}
}
