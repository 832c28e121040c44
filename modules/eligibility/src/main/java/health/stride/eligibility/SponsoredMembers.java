package health.stride.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Which roster member each sponsored patient of the current clinic is: the sponsor, the member id its roster
 * gives them, when they enrolled and the last day the sponsor covers them. Not audited: for callers that
 * decided who may read the patient's record and audited the read (the FHIR API).
 */
public interface SponsoredMembers {

	/**
	 * A patient enrolled as a sponsor's roster member.
	 *
	 * @param coverageEndsOn the last day the sponsor covers them, as the last roster says; none when no end is known
	 */
	record SponsoredMember(EnrollmentId enrollment, SponsorId sponsor, String memberId, UUID patientId,
			Instant enrolledAt, @Nullable LocalDate coverageEndsOn) {

		@Override
		public String toString() {
			return "SponsoredMember[enrollment=" + enrollment + "]"; // the member id identifies a person
		}
	}

	Optional<SponsoredMember> find(EnrollmentId enrollment);

	/** The patient's enrollments, oldest first: one for a patient who signed up or was invited as a member. */
	List<SponsoredMember> ofPatient(UUID patientId);

	/** The enrolled member of the sponsor with this member id. */
	Optional<SponsoredMember> find(SponsorId sponsor, String memberId);

	/** The enrolled members with this member id, of any sponsor of the clinic, oldest first. */
	List<SponsoredMember> withMemberId(String memberId);
}
