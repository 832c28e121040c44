package health.stride.patients;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import health.stride.platform.validation.InvalidInput;

/**
 * Patients the clinic invites itself: a therapist or administrator opens the record, Stride creates
 * the patient's account in the clinic without a password and the identity provider emails them a
 * single-use link to choose one. From there the patient meets the same consents and intake as
 * anyone. One person has one record in a clinic: inviting someone whose email, or name and date of
 * birth, the clinic knows already offers the record that exists.
 */
public interface PatientInvitations {

	/**
	 * Invites one patient.
	 *
	 * @param invitedBy the username of the therapist or administrator inviting
	 * @throws InvalidInput if a field is wrong (codes {@code patients.invitation.*}), nothing created
	 * @throws AlreadyInClinic if the clinic has a record of this person already
	 * @throws health.stride.platform.identity.Accounts.AccountsUnavailable if the identity provider
	 *         fails; nothing stays created
	 */
	PatientId invite(Invitation invitation, String invitedBy);

	/**
	 * Invites every patient of a list, or none: a wrong field, a person listed twice or one the
	 * clinic knows is reported by line ({@code lines[3].email}; a person listed twice with the place,
	 * from 1, of their first listing), and an account that cannot be made
	 * midway removes the accounts made before it.
	 *
	 * @throws InvalidInput naming the line (index in the list) and field of each problem
	 */
	List<PatientId> inviteAll(List<Invitation> invitations, String invitedBy);

	/** Who invited the patient (a username), if the clinic invited them. */
	Optional<String> invitedBy(PatientId patient);

	/** The clinic's record of this person, by email or by name and date of birth (case ignored). */
	Optional<PatientId> existing(String email, String firstName, String lastName, LocalDate dateOfBirth);

	/**
	 * What the inviting person typed. Every field may be missing or wrong here: {@link #invite}
	 * checks them all and names the ones to correct. Payer details count only for insurance, the
	 * sponsor code only for sponsored care.
	 */
	record Invitation(@Nullable String firstName, @Nullable String lastName, @Nullable LocalDate dateOfBirth,
			@Nullable String email, @Nullable String state, @Nullable String phone, @Nullable String referralSource,
			@Nullable PaymentMethod payment, @Nullable String payerName, @Nullable String payerMemberId,
			@Nullable String sponsorCode) {

		@Override
		public String toString() {
			return "Invitation[" + payment + "]"; // no personal details in logs
		}
	}

	/** The clinic has a record of this person already: the invitation offers it instead of a second one. */
	final class AlreadyInClinic extends RuntimeException {

		private final PatientId patient;

		public AlreadyInClinic(PatientId patient) {
			super("The clinic has a record of this person already: " + patient, null, false, false);
			this.patient = patient;
		}

		public PatientId patient() {
			return patient;
		}
	}
}
