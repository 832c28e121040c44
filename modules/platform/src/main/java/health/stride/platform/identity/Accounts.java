package health.stride.platform.identity;

import health.stride.platform.tenancy.TenantId;

/**
 * Creates the sign-in accounts of people who join a clinic. Implemented against Keycloak's admin
 * API by the application; modules depend only on this interface.
 */
public interface Accounts {

	/**
	 * Creates an account with the patient role as a member of the clinic's organization.
	 *
	 * @throws AccountConflict if the username or email is taken
	 * @throws AccountRejected if the identity provider refuses the details (e.g. a weak password)
	 * @throws AccountsUnavailable if the identity provider cannot be reached or fails
	 */
	AccountId createPatient(TenantId clinic, NewAccount account);

	/** Removes an account again, e.g. when what it was created for could not be completed. */
	void delete(AccountId account);

	record AccountId(String value) {}

	record NewAccount(String username, String email, String password, String firstName, String lastName) {

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
