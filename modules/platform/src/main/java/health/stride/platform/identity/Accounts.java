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

	/**
	 * Creates an account as {@link #create} does, but disabled: it signs in only after
	 * {@link #confirm}, once the person has shown they read the email sent to its address.
	 */
	default AccountId createUnconfirmed(TenantId clinic, NewAccount account, Role role) {
		throw new UnsupportedOperationException("Unconfirmed accounts are not supported here");
	}

	/** Lets an unconfirmed account sign in, its email address now verified. */
	default void confirm(AccountId account) {
		throw new UnsupportedOperationException("Unconfirmed accounts are not supported here");
	}

	/** Whether any account, in any clinic, has this username (compared as the identity provider does). */
	default boolean usernameTaken(String username) {
		return false;
	}

	/**
	 * Has the identity provider email the person a link to choose their password (and verify their
	 * address), valid for the given time; nobody else ever sees or sets it.
	 *
	 * @throws AccountsUnavailable if the identity provider cannot send it
	 */
	default void emailPasswordSetup(AccountId account, java.time.Duration linkValidFor) {
		throw new UnsupportedOperationException("Password setup emails are not supported here");
	}

	/**
	 * Has the identity provider email a clinic administrator a link to choose their password, set up
	 * a one-time-password app (TOTP) and verify their address, valid for the given time; the link
	 * ends on Stride.
	 *
	 * @throws AccountsUnavailable if the identity provider cannot send it
	 */
	default void emailAccountSetup(AccountId account, java.time.Duration linkValidFor) {
		throw new UnsupportedOperationException("Account setup emails are not supported here");
	}

	/**
	 * Creates the clinic's organization, whose alias is the clinic's tenant id and goes into its
	 * members' tokens.
	 *
	 * @throws OrganizationConflict if an organization has this alias (or name) already
	 * @throws AccountsUnavailable if the identity provider cannot be reached or fails
	 */
	default OrganizationId createOrganization(TenantId clinic, String name) {
		throw new UnsupportedOperationException("Organizations are not supported here");
	}

	/** Removes an organization again, e.g. when the clinic it was created for could not be completed. */
	default void deleteOrganization(OrganizationId organization) {
		throw new UnsupportedOperationException("Organizations are not supported here");
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

	/** Stops the account from signing in, e.g. when what confirmed it could not be recorded after all. */
	void disable(AccountId account);

	record AccountId(String value) {}

	record OrganizationId(String value) {}

	/** An organization with this alias or name exists already. */
	class OrganizationConflict extends RuntimeException {

		public OrganizationConflict(String message) {
			super(message);
		}
	}

	/**
	 * @param password the password the person chose, or none when they choose it later through
	 *        {@link #emailPasswordSetup} (for accounts someone else set up for them)
	 */
	record NewAccount(String username, String email, @Nullable String password, String firstName, String lastName) {

		@Override
		public String toString() {
			return "NewAccount[username=" + username + "]"; // never the password or personal details
		}
	}

	/**
	 * The username or email belongs to another account already. The message never says which of
	 * the two, nor where the other account is.
	 */
	class AccountConflict extends RuntimeException {

		/** The one answer to a conflict, whichever of the two exists and wherever. */
		public static final String MESSAGE = "This username or email address cannot be used for a new account."
				+ " Choose another username, or sign in if you have an account already.";

		private final String field;

		public AccountConflict(String field) {
			this(field, MESSAGE);
		}

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

		/** What the identity provider refused, for the page to say in the reader's language. */
		public enum Reason {
			/** The password breaks the password policy. */
			PASSWORD,
			/** Some other detail (a username's characters, an address). */
			DETAILS
		}

		private final Reason reason;

		public AccountRejected(String message) {
			this(Reason.DETAILS, message);
		}

		/** @param message for the logs only */
		public AccountRejected(Reason reason, String message) {
			super(message);
			this.reason = reason;
		}

		public Reason reason() {
			return reason;
		}
	}

	/** The identity provider could not be reached or failed. */
	class AccountsUnavailable extends RuntimeException {

		public AccountsUnavailable(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
