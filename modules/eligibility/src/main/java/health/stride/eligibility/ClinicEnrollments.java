package health.stride.eligibility;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Members a clinic enrolls itself, e.g. by inviting a patient whose employer sponsors their care:
 * the roster must cover them, and once enrolled they count for their sponsor and end with the
 * roster as members who signed up do ({@link MemberTerminated}). The caller opened the patient
 * record itself, so no {@link MemberEnrolled} is published.
 */
public interface ClinicEnrollments {

	/**
	 * The member id of the one member of the sponsor's current roster covered today with this name
	 * and date of birth (names compared as the coverage check does); none when nobody, or more than
	 * one member, matches.
	 */
	Optional<String> coveringMember(SponsorId sponsor, String firstName, String lastName, LocalDate dateOfBirth);

	/**
	 * Counts the member as enrolled by their sponsor, under the patient id the caller chose.
	 *
	 * @return nothing if the member is enrolled already
	 */
	Optional<EnrollmentId> enroll(SponsorId sponsor, String memberId, UUID patientId, EnrolledAccount account);

	/** The sign-in account the enrolled person got, as the enrollment keeps it. */
	record EnrolledAccount(String accountId, String username, String email, String state, String timeZone) {

		@Override
		public String toString() {
			return "EnrolledAccount[username=" + username + "]"; // no personal details in logs
		}
	}
}
