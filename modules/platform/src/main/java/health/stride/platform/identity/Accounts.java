package health.stride.platform.identity;

import org.jspecify.annotations.Nullable;

import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;

/**
 * Creates the sign-in accounts of people who join a clinic. Implemented against Keycloak's admin
 * API by the application; modules depend only on this interface.
 */
public interface Accounts {

	/**
	 * Creates an account with the given role as a member of the clinic's organization.
	 *
	 * @throws AccountConflict if the username or email is taken
	 * @throws AccountRejected if the identity provider refuses the details (e.g. a weak password)
	 * @throws AccountsUnavailable if the identity provider cannot be reached or fails
	 */
	AccountId create(TenantId clinic, NewAccount account, Role role);

	/** Creates a patient's account, as {@link #create} does. */
	default AccountId createPatient(TenantId clinic, NewAccount account) {
		return create(clinic, account, Role.PATIENT);
	}

	/** Removes an account again, e.g. when what it was created for could not be completed. */
	void delete(AccountId account);

	/**
	 * Ends the access of someone who left the clinic, keeping their account (and what they did) on
	 * record: the account, found by its id or else by username among the clinic's members, is
	 * disabled, taken out of the clinic's organization, and every session it has is ended.
	 *
	 * @throws AccountsUnavailable if the identity provider cannot be reached or fails
	 */
	void revoke(TenantId clinic, String username, @Nullable AccountId account);

	record AccountId(String value) {}

	/**
	 * @param temporaryPassword whether the person must choose a new password at their first sign-in
	 *        (for accounts someone else set up for them)
	 */
	record NewAccount(String username, String email, String password, String firstName, String lastName,
			boolean temporaryPassword) {

		public NewAccount(String username, String email, String password, String firstName, String lastName) {
			this(username, email, password, firstName, lastName, false);
		}

		@Override
		public String toString() {
			return "NewAccount[username=" + username + "]"; // never the password or personal details
		}
	}

	/** The username or email belongs to another account already. */
	class AccountConflict extends RuntimeException {

		private final String field;

		public AccountConflict(String field, String message) {
			super(message);
			this.field = field;
		}

		/** {@code username} or {@code email}. */
		public String field() {
			return field;
		}
	}

	/** The identity provider refused the details, with a reason fit to show the person. */
	class AccountRejected extends RuntimeException {

		public AccountRejected(String message) {
			super(message);
		}
	}

	/** The identity provider could not be reached or failed. */
	class AccountsUnavailable extends RuntimeException {

		public AccountsUnavailable(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
