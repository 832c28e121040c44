package health.stride.eligibility;

import java.util.Optional;
import java.util.UUID;

import health.stride.platform.i18n.Language;
import health.stride.platform.identity.Accounts.AccountConflict;
import health.stride.platform.identity.Accounts;

/**
 * A covered member becomes a patient in two steps. Signing up uses up the coverage check (in a
 * transaction of its own, whatever happens next), creates a disabled account with the chosen
 * password and emails a single-use link: to the address on the roster when it has one, else to
 * the address given. Only opening that link enrolls the member and lets the account sign in.
 * <p>
 * The answer to a signup never tells whether the member is enrolled already: an enrolled member
 * (or the owner of an address that has an account) is told so by email, and the screen says
 * "check your email" to everyone. Stride keeps no password and only a hash of each token.
 */
public interface Signups {

	public record SignupDetails(String username, String email, String password, String state, String timeZone,
			Language language) {

		/** In English, the language of a signup that chose none. */
		public SignupDetails(String username, String email, String password, String state, String timeZone) {
			this(username, email, password, state, timeZone, Language.ENGLISH);
		}

		@Override
		public String toString() {
			return "SignupDetails[username=" + username + "]";
		}
	}

	public record SignedUp(EnrollmentId enrollment, UUID patientId) {}

	/**
	 * Starts a signup; the member finishes it through the link emailed to them. Returns normally
	 * whether or not the member has an account already (then the email says so).
	 *
	 * @throws CheckNotValid if the check was used already, expired or never succeeded
	 * @throws AccountConflict if the username is taken (by anyone, in any clinic); the check is kept
	 * @throws Accounts.AccountRejected if Keycloak refuses the details (e.g. a weak password)
	 * @throws Accounts.AccountsUnavailable if Keycloak or the mail server fails; the check is used up
	 */
	void signUp(CoverageCheckId check, SignupDetails details);

	/**
	 * For the demo data of the local run only: signs a member up as if they had opened the emailed
	 * link at once. Never reachable from a request: it skips the proof that the person owns the address.
	 *
	 * @throws IllegalStateException if the member cannot be signed up (e.g. is enrolled already)
	 */
	SignedUp signUpWithoutEmail(CoverageCheckId check, SignupDetails details);

	/** Whether a link's token would still confirm a signup of the current clinic (without using it). */
	boolean isPending(String token);

	/**
	 * Finishes a signup from its emailed link, in one transaction: the pending signup is used up, the
	 * member enrolled, {@link MemberEnrolled} published and the account enabled (with its email
	 * verified). Unknown, used and expired tokens all give nothing.
	 */
	Optional<SignedUp> confirm(String token);

	/**
	 * Removes the current clinic's signups whose link expired unused, and their disabled accounts.
	 *
	 * @return how many were removed
	 */
	int removeExpired();

	/** What a signup recorded, for opening the patient record (the current clinic's only). */
	Optional<Enrollment> enrollment(EnrollmentId id);

	/** The coverage check cannot be used (any more) to sign up. */
	public static class CheckNotValid extends RuntimeException {

		public CheckNotValid() {
			super("This coverage check has expired or was used already. Please check your coverage again.");
		}
	}
}
