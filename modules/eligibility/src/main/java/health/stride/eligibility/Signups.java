package health.stride.eligibility;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import health.stride.platform.identity.Accounts;
import health.stride.platform.identity.Accounts.NewAccount;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * A covered member becomes a patient: their coverage check is used up, their sign-in account is
 * created in the clinic's organization, and their enrollment is counted. All of it happens or
 * none of it: if anything fails, the account is removed again and the check stays usable.
 */
@Service
public class Signups {

	private final CoverageChecks checks;
	private final Accounts accounts;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Signups(CoverageChecks checks, Accounts accounts, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.checks = checks;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	public record SignupDetails(String username, String email, String password, String state, String timeZone) {

		@Override
		public String toString() {
			return "SignupDetails[username=" + username + "]";
		}
	}

	public record SignedUp(EnrollmentId enrollment, UUID patientId) {}

	/**
	 * @throws CheckNotValid if the check was used already, expired or never succeeded
	 * @throws AlreadyEnrolled if this member has signed up before
	 * @throws Accounts.AccountConflict if the username or email is taken
	 */
	@Transactional
	public SignedUp signUp(CoverageCheckId check, SignupDetails details) {

		if (!UsStates.isState(details.state()) || !UsStates.TIME_ZONES.contains(details.timeZone())) {
			throw new IllegalArgumentException("Choose a US state and time zone from the lists");
		}

		var redeemed = checks.redeem(check).orElseThrow(CheckNotValid::new);
		var member = jdbc.sql("select first_name, last_name from eligibility.member where sponsor_id = ? and member_id = ?")
				.params(redeemed.sponsor().id(), redeemed.memberId())
				.query((row, number) -> new String[] { row.getString(1), row.getString(2) })
				.single();

		if (jdbc.sql("select count(*) from eligibility.enrollment where sponsor_id = ? and member_id = ?")
				.params(redeemed.sponsor().id(), redeemed.memberId())
				.query(Integer.class).single() > 0) {
			throw new AlreadyEnrolled();
		}

		var tenant = CurrentTenant.require();
		var account = accounts.createPatient(tenant,
				new NewAccount(details.username(), details.email(), details.password(), member[0], member[1]));

		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					accounts.delete(account);
				}
			}
		});

		var enrollment = new EnrollmentId(UUID.randomUUID());
		var patientId = UUID.randomUUID();

		try {
			jdbc.sql("""
					insert into eligibility.enrollment (tenant_id, id, sponsor_id, member_id, patient_id, account_id,
					    username, email, state, time_zone, enrolled_at)
					values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(enrollment.id(), redeemed.sponsor().id(), redeemed.memberId(), patientId, account.value(),
							details.username(), details.email().strip(), details.state(), details.timeZone(),
							java.sql.Timestamp.from(clock.instant()))
					.update();
		} catch (DuplicateKeyException e) {
			throw new AlreadyEnrolled();
		}

		events.publishEvent(new MemberEnrolled(tenant, enrollment, patientId, redeemed.sponsor()));

		return new SignedUp(enrollment, patientId);
	}

	/** What a signup recorded, for opening the patient record (the current clinic's only). */
	@Transactional(readOnly = true)
	public Optional<Enrollment> enrollment(EnrollmentId id) {

		// the enrollment first, then the member by sponsor: a join on the sponsor column would open every roster
		return jdbc.sql("""
				select patient_id, sponsor_id, member_id, account_id, username, email, state, time_zone, enrolled_at
				from eligibility.enrollment where id = ?""")
				.param(id.id())
				.query((row, number) -> new Enrolled(row.getObject("patient_id", UUID.class),
						new SponsorId(row.getObject("sponsor_id", UUID.class)), row.getString("member_id"),
						row.getString("account_id"), row.getString("username"), row.getString("email"),
						row.getString("state"), row.getString("time_zone"), row.getTimestamp("enrolled_at").toInstant()))
				.optional()
				.flatMap(e -> jdbc.sql("""
						select first_name, last_name, date_of_birth from eligibility.member
						where sponsor_id = ? and member_id = ?""")
						.params(e.sponsor().id(), e.memberId())
						.query((row, number) -> new Enrollment(id, e.patientId(), e.sponsor(), e.accountId(), e.username(),
								e.email(), row.getString("first_name"), row.getString("last_name"),
								row.getDate("date_of_birth").toLocalDate(), e.state(), e.timeZone(), e.enrolledAt()))
						.optional());
	}

	private record Enrolled(UUID patientId, SponsorId sponsor, String memberId, String accountId, String username,
			String email, String state, String timeZone, java.time.Instant enrolledAt) {}

	/** The coverage check cannot be used (any more) to sign up. */
	public static class CheckNotValid extends RuntimeException {

		CheckNotValid() {
			super("This coverage check has expired or was used already. Please check your coverage again.");
		}
	}

	/** The member has an account already. */
	public static class AlreadyEnrolled extends RuntimeException {

		AlreadyEnrolled() {
			super("You have already signed up. Sign in with your username and password.");
		}
	}
}
