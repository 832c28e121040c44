package health.stride.patients;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The therapist and (when there is one) the health coach caring for a patient. A care team has no
 * therapist only while the patient waits for a new one after theirs left the clinic.
 */
public record CareTeam(@Nullable Member therapist, @Nullable Member coach) {

	/** A clinician as the care teams module knows them: id, username and the name patients see. */
	public record Member(UUID clinicianId, String username, String displayName) {}

	public boolean includes(String username) {
		return isTherapist(username) || coach != null && coach.username().equals(username);
	}

	public boolean isTherapist(String username) {
		return therapist != null && therapist.username().equals(username);
	}
}
