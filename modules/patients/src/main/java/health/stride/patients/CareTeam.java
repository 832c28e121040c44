package health.stride.patients;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The therapist and (when there is one) the health coach caring for a patient. */
public record CareTeam(Member therapist, @Nullable Member coach) {

	/** A clinician as the care teams module knows them: id, username and the name patients see. */
	public record Member(UUID clinicianId, String username, String displayName) {}

	public boolean includes(String username) {
		return therapist.username().equals(username) || coach != null && coach.username().equals(username);
	}
}
