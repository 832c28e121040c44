package health.stride.patients;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;

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

	/**
	 * Who may open the patient's chart: the care team and the clinic's administrators (anyone else is
	 * told the patient does not exist).
	 */
	public static boolean mayOpenChart(@Nullable CareTeam team, StrideUser user) {
		return user.has(Role.CLINIC_ADMIN) || team != null && user.hasAny(Role.THERAPIST, Role.COACH)
				&& team.includes(user.username());
	}

	/** Who may read the patient's care itself (sessions, outcomes, messages): the care team only. */
	public boolean mayReadCare(StrideUser user) {
		return user.hasAny(Role.THERAPIST, Role.COACH) && includes(user.username());
	}

	/** Who may assign and tailor the patient's plan: their therapist. */
	/** Who may move a patient to another payer (e.g. when a sponsor's cover ends): the clinic's administrators and the therapist of record. */
	public static boolean mayChangePayment(@Nullable CareTeam team, StrideUser user) {
		return user.has(Role.CLINIC_ADMIN) || team != null && team.mayPlan(user);
	}

	public boolean mayPlan(StrideUser user) {
		return user.has(Role.THERAPIST) && isTherapist(user.username());
	}
}
