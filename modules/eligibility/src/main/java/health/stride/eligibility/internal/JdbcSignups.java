package health.stride.eligibility.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.CoverageCheckId;
import health.stride.eligibility.CoverageChecks;
import health.stride.eligibility.Enrollment;
import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.MemberEnrolled;
import health.stride.eligibility.Signups.CheckNotValid;
import health.stride.eligibility.Signups.SignedUp;
import health.stride.eligibility.Signups.SignupDetails;
import health.stride.eligibility.Signups;
import health.stride.eligibility.SponsorId;
import health.stride.eligibility.UsStates;
import health.stride.platform.i18n.Language;
import health.stride.platform.identity.Accounts.AccountConflict;
import health.stride.platform.identity.Accounts.AccountId;
import health.stride.platform.identity.Accounts.NewAccount;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/** {@link Signups} on the module's own tables. */
@Service
class JdbcSignups implements Signups {

	private final CoverageChecks checks;
	private final Accounts accounts;
	private final SignupEmails emails;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transaction;
	private final Clock clock;
	private final Duration linkValidFor;
	private final JdbcCoverageEnds coverageEnds;
	private final SecureRandom random = new SecureRandom();

	JdbcSignups(CoverageChecks checks, Accounts accounts, SignupEmails emails, ClinicRegistry clinics, JdbcClient jdbc,
			ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock,
			@Value("${stride.signup.link-valid-for:PT24H}") Duration linkValidFor, JdbcCoverageEnds coverageEnds) {
		this.coverageEnds = coverageEnds;
		this.checks = checks;
		this.accounts = accounts;
		this.emails = emails;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		this.linkValidFor = linkValidFor;
	}

	/**
	 * Starts a signup; the member finishes it through the link emailed to them. Returns normally
	 * whether or not the member has an account already (then the email says so).
	 *
	 * @throws CheckNotValid if the check was used already, expired or never succeeded
	 * @throws AccountConflict if the username is taken (by anyone, in any clinic); the check is kept
	 * @throws Accounts.AccountRejected if Keycloak refuses the details (e.g. a weak password)
	 * @throws Accounts.AccountsUnavailable if Keycloak or the mail server fails; the check is used up
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	@Override
	public void signUp(CoverageCheckId check, SignupDetails details) {
		begin(check, details, true);
	}

	/**
	 * For the demo data of the local run only: signs a member up as if they had opened the emailed
	 * link at once. Never reachable from a request: it skips the proof that the person owns the address.
	 *
	 * @throws IllegalStateException if the member cannot be signed up (e.g. is enrolled already)
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	@Override
	public SignedUp signUpWithoutEmail(CoverageCheckId check, SignupDetails details) {
		var token = begin(check, details, false).orElseThrow(() -> new IllegalStateException("Not signed up"));
		return java.util.Objects.requireNonNull(transaction.execute(status -> confirm(token)))
				.orElseThrow(() -> new IllegalStateException("Not signed up"));
	}

	/** Starts a signup; the token of its link, when one was made (and emailed, if asked). */
	private Optional<String> begin(CoverageCheckId check, SignupDetails details, boolean emailLink) {

		if (!UsStates.isState(details.state()) || !UsStates.TIME_ZONES.contains(details.timeZone())) {
			throw new IllegalArgumentException("Choose a US state and time zone from the lists");
		}
		if (weak(details.password(), details.username())) {
			throw new Accounts.AccountRejected(WEAK_PASSWORD);
		}
		// a check that cannot be used any more ends the signup before Keycloak is asked anything
		if (!checks.isRedeemable(check)) {
			throw new CheckNotValid();
		}
		// a taken username says nothing about this member, so it may be answered before the check is spent
		if (accounts.usernameTaken(details.username())) {
			throw new AccountConflict("username");
		}

		var redeemed = checks.redeem(check).orElseThrow(CheckNotValid::new);
		var tenant = CurrentTenant.require();
		var clinic = clinics.find(tenant).orElseThrow();
		var member = transaction.execute(status -> member(redeemed));
		var address = member.email() != null ? member.email() : details.email().strip();

		// refused alike on every path, so that Keycloak's own refusal (a password equal to the address)
		// cannot tell an enrolled member from one who is not
		if (weak(details.password(), address)) {
			throw new Accounts.AccountRejected(WEAK_PASSWORD);
		}

		if (member.enrolledWith() != null) {
			if (emailLink) {
				emails.accountExists(member.email() != null ? member.email() : member.enrolledWith(), clinic.name(),
						details.language());
			}
			return Optional.empty();
		}

		withdrawPending(redeemed);

		AccountId account;
		try {
			account = accounts.createUnconfirmed(tenant,
					new NewAccount(details.username(), address, details.password(), member.firstName(), member.lastName()),
					Role.PATIENT);
		} catch (AccountConflict conflict) {
			if (!"email".equals(conflict.field())) {
				throw conflict;
			}
			if (emailLink) {
				emails.accountExists(address, clinic.name(), details.language());
			}
			return Optional.empty();
		}

		var token = token();
		try {
			transaction.executeWithoutResult(status -> jdbc.sql("""
					insert into eligibility.pending_signup (id, token_hash, sponsor_id, member_id, account_id,
					    username, email, state, time_zone, language, created_at, expires_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(UUID.randomUUID(), hash(token), redeemed.sponsor().id(), redeemed.memberId(), account.value(),
							details.username(), address, details.state(), details.timeZone(), details.language().tag(),
							java.sql.Timestamp.from(clock.instant()), java.sql.Timestamp.from(clock.instant().plus(linkValidFor)))
					.update());
			if (emailLink) {
				emails.confirmationLink(address, clinic.name(), tenant.value(), details.username(), token, linkValidFor,
						details.language());
			}
			return Optional.of(token);
		} catch (RuntimeException e) {
			transaction.executeWithoutResult(status -> jdbc.sql("delete from eligibility.pending_signup where account_id = ?")
					.param(account.value()).update());
			accounts.delete(account);
			throw e;
		}
	}

	/** Whether a link's token would still confirm a signup of the current clinic (without using it). */
	@Transactional(readOnly = true)
	@Override
	public boolean isPending(String token) {
		return wellFormed(token) && jdbc.sql("select count(*) from eligibility.pending_signup where token_hash = ? and expires_at > ?")
				.params(hash(token), java.sql.Timestamp.from(clock.instant())).query(Integer.class).single() > 0;
	}

	/**
	 * Finishes a signup from its emailed link, in one transaction: the pending signup is used up, the
	 * member enrolled, {@link MemberEnrolled} published and the account enabled (with its email
	 * verified). Unknown, used and expired tokens all give nothing.
	 */
	@Transactional
	@Override
	public Optional<SignedUp> confirm(String token) {

		if (!wellFormed(token)) {
			return Optional.empty();
		}

		var pending = jdbc.sql("""
				delete from eligibility.pending_signup where token_hash = ? and expires_at > ?
				returning sponsor_id, member_id, account_id, username, email, state, time_zone, language""")
				.params(hash(token), java.sql.Timestamp.from(clock.instant()))
				.query((row, number) -> new Pending(new SponsorId(row.getObject("sponsor_id", UUID.class)),
						row.getString("member_id"), new AccountId(row.getString("account_id")), row.getString("username"),
						row.getString("email"), row.getString("state"), row.getString("time_zone"),
						language(row.getString("language"))))
				.optional();
		if (pending.isEmpty()) {
			return Optional.empty();
		}
		var signup = pending.get();

		var enrollment = new EnrollmentId(UUID.randomUUID());
		var patientId = UUID.randomUUID();
		var inserted = jdbc.sql("""
				insert into eligibility.enrollment (id, sponsor_id, member_id, patient_id, account_id,
				    username, email, state, time_zone, language, enrolled_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, sponsor_id, member_id) do nothing""")
				.params(enrollment.id(), signup.sponsor().id(), signup.memberId(), patientId, signup.account().value(),
						signup.username(), signup.email(), signup.state(), signup.timeZone(), signup.language().tag(),
						java.sql.Timestamp.from(clock.instant()))
				.update();

		if (inserted == 0) {
			// enrolled through another link meanwhile: this one's account is not needed
			afterCommit(() -> accounts.delete(signup.account()));
			return Optional.empty();
		}

		events.publishEvent(new MemberEnrolled(CurrentTenant.require(), enrollment, patientId, signup.sponsor()));
		coverageEnds.announceChanges(signup.sponsor(), enrollment); // a roster may name the end ahead

		// last, so that a failure here rolls back the enrollment and the link can be opened again
		accounts.confirm(signup.account());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					accounts.disable(signup.account());
				}
			}
		});

		return Optional.of(new SignedUp(enrollment, patientId));
	}

	/**
	 * Removes the current clinic's signups whose link expired unused, and their disabled accounts.
	 *
	 * @return how many were removed
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	@Override
	public int removeExpired() {

		var expired = transaction.execute(status -> jdbc.sql("""
				delete from eligibility.pending_signup
				where id in (select id from eligibility.pending_signup where expires_at <= ? for update skip locked)
				returning account_id""")
				.param(java.sql.Timestamp.from(clock.instant())).query(String.class).list());

		expired.forEach(account -> accounts.delete(new AccountId(account)));
		return expired.size();
	}

	/** An earlier signup of the same member that was never confirmed gives way to this one. */
	private void withdrawPending(CoverageChecks.RedeemedCheck redeemed) {

		List<String> earlier = transaction.execute(status -> jdbc.sql("""
				delete from eligibility.pending_signup where sponsor_id = ? and member_id = ? returning account_id""")
				.params(redeemed.sponsor().id(), redeemed.memberId()).query(String.class).list());

		earlier.forEach(account -> accounts.delete(new AccountId(account)));
	}

	private Member member(CoverageChecks.RedeemedCheck redeemed) {

		var enrolledWith = jdbc.sql("select email from eligibility.enrollment where sponsor_id = ? and member_id = ?")
				.params(redeemed.sponsor().id(), redeemed.memberId()).query(String.class).optional().orElse(null);

		return jdbc.sql("select first_name, last_name, email from eligibility.member where sponsor_id = ? and member_id = ?")
				.params(redeemed.sponsor().id(), redeemed.memberId())
				.query((row, number) -> new Member(row.getString("first_name"), row.getString("last_name"),
						blankToNull(row.getString("email")), enrolledWith))
				.single();
	}

	private record Member(String firstName, String lastName, @org.jspecify.annotations.Nullable String email,
			@org.jspecify.annotations.Nullable String enrolledWith) {}

	private record Pending(SponsorId sponsor, String memberId, AccountId account, String username, String email,
			String state, String timeZone, Language language) {}

	private static Language language(String tag) {
		return Language.ofTag(tag).orElse(Language.ENGLISH);
	}

	private static final String WEAK_PASSWORD = "Choose a password that does not contain your username or email address.";

	private static boolean weak(String password, String usernameOrAddress) {
		return password.toLowerCase(java.util.Locale.ROOT).contains(usernameOrAddress.toLowerCase(java.util.Locale.ROOT));
	}

	private String token() {
		var bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static boolean wellFormed(@org.jspecify.annotations.Nullable String token) {
		return token != null && token.matches("[A-Za-z0-9_-]{43}");
	}

	private static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static @org.jspecify.annotations.Nullable String blankToNull(@org.jspecify.annotations.Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

	/** What a signup recorded, for opening the patient record (the current clinic's only). */
	@Transactional(readOnly = true)
	@Override
	public Optional<Enrollment> enrollment(EnrollmentId id) {

		// the enrollment first, then the member by sponsor: a join on the sponsor column would open every roster
		return jdbc.sql("""
				select patient_id, sponsor_id, member_id, account_id, username, email, state, time_zone, language,
				       enrolled_at
				from eligibility.enrollment where id = ?""")
				.param(id.id())
				.query((row, number) -> new Enrolled(row.getObject("patient_id", UUID.class),
						new SponsorId(row.getObject("sponsor_id", UUID.class)), row.getString("member_id"),
						row.getString("account_id"), row.getString("username"), row.getString("email"),
						row.getString("state"), row.getString("time_zone"), language(row.getString("language")),
						row.getTimestamp("enrolled_at").toInstant()))
				.optional()
				.flatMap(e -> jdbc.sql("""
						select first_name, last_name, date_of_birth from eligibility.member
						where sponsor_id = ? and member_id = ?""")
						.params(e.sponsor().id(), e.memberId())
						.query((row, number) -> new Enrollment(id, e.patientId(), e.sponsor(), e.accountId(), e.username(),
								e.email(), row.getString("first_name"), row.getString("last_name"),
								row.getDate("date_of_birth").toLocalDate(), e.state(), e.timeZone(), e.language(),
								e.enrolledAt()))
						.optional());
	}

	private record Enrolled(UUID patientId, SponsorId sponsor, String memberId, String accountId, String username,
			String email, String state, String timeZone, Language language, java.time.Instant enrolledAt) {}
}
