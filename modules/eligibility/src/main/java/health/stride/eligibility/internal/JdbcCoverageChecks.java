package health.stride.eligibility.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.CoverageAnswer.Outcome;
import health.stride.eligibility.CoverageAnswer;
import health.stride.eligibility.CoverageCheckId;
import health.stride.eligibility.CoverageChecks.RedeemedCheck;
import health.stride.eligibility.CoverageChecks;
import health.stride.eligibility.CoverageConfirmed;
import health.stride.eligibility.CoverageQuestion;
import health.stride.eligibility.SponsorId;
import health.stride.platform.tenancy.CurrentTenant;

/** {@link CoverageChecks} on the module's own tables. */
@Service
class JdbcCoverageChecks implements CoverageChecks {

	/** Searched in place of an unknown sponsor or one without a roster: no member belongs to it. */
	private static final UUID NO_SPONSOR = new UUID(0, 0);

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	JdbcCoverageChecks(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	@Override
	public CoverageAnswer check(CoverageQuestion question) {

		var sponsor = jdbc.sql("""
				select s.id, s.name,
				       exists(select 1 from eligibility.roster_import i where i.sponsor_id = s.id and i.status = 'COMPLETED')
				         as has_roster
				from eligibility.sponsor s where s.code = ? and s.active""")
				.param(question.sponsor().value())
				.query((row, number) -> new Sponsor(row.getObject("id", UUID.class), row.getString("name"),
						row.getBoolean("has_roster")))
				.optional();

		// an unknown code, a sponsor without a roster yet and a person not on the roster get the same
		// answer after the same work (the member query runs in every case), so neither the answer nor
		// its timing tells an outsider which sponsor codes exist or have members
		var withRoster = sponsor.filter(Sponsor::hasRoster);
		var member = findMember(withRoster.map(Sponsor::id).orElse(NO_SPONSOR), question);
		if (withRoster.isEmpty() || member.isEmpty()) {
			return CoverageAnswer.notEligible();
		}

		var now = clock.instant();
		var expiresAt = now.plus(VALID_FOR);
		var checkId = new CoverageCheckId(UUID.randomUUID());

		jdbc.sql("""
				insert into eligibility.coverage_check (id, sponsor_id, member_id, created_at, expires_at)
				values (?, ?, ?, ?, ?)""")
				.params(checkId.id(), sponsor.get().id(), member.get(), java.sql.Timestamp.from(now),
						java.sql.Timestamp.from(expiresAt))
				.update();

		events.publishEvent(new CoverageConfirmed(CurrentTenant.require(), new SponsorId(sponsor.get().id()), checkId));

		return new CoverageAnswer(Outcome.ELIGIBLE, sponsor.get().name(), checkId, expiresAt);
	}

	/**
	 * Uses up a successful check, if it is still valid, and tells which sponsor and member it found.
	 * A check can be redeemed once. It is used up in a transaction of its own, committed before this
	 * returns, so nothing the caller does afterwards (or rolls back) can make it usable again.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	@Override
	public Optional<RedeemedCheck> redeem(CoverageCheckId id) {
		return jdbc.sql("""
				update eligibility.coverage_check set used_at = ?
				where id = ? and used_at is null and expires_at > ?
				returning sponsor_id, member_id""")
				.params(java.sql.Timestamp.from(clock.instant()), id.id(), java.sql.Timestamp.from(clock.instant()))
				.query((row, number) -> new RedeemedCheck(id, new SponsorId(row.getObject("sponsor_id", UUID.class)),
						row.getString("member_id")))
				.optional();
	}

	/** Whether a check could still be redeemed (unused and not expired). */
	@Transactional(readOnly = true)
	@Override
	public boolean isRedeemable(CoverageCheckId id) {
		return jdbc.sql("select count(*) from eligibility.coverage_check where id = ? and used_at is null and expires_at > ?")
				.params(id.id(), java.sql.Timestamp.from(clock.instant()))
				.query(Integer.class).single() > 0;
	}

	private Optional<String> findMember(UUID sponsor, CoverageQuestion question) {

		var today = java.sql.Date.valueOf(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
		var lastName = Names.key(question.lastName());
		var dateOfBirth = java.sql.Date.valueOf(question.dateOfBirth());

		if (question.memberId() != null && !question.memberId().isBlank()) {
			return jdbc.sql("""
					select member_id from eligibility.member
					where sponsor_id = ? and member_id = ? and last_name_key = ? and date_of_birth = ?
					  and coverage_start <= ? and (coverage_end is null or coverage_end >= ?)""")
					.params(sponsor, question.memberId().strip(), lastName, dateOfBirth, today, today)
					.query(String.class).optional();
		}

		var email = Names.emailKey(question.email());
		if (email == null || email.isBlank()) {
			return Optional.empty();
		}

		var firstName = Names.key(question.firstName());
		var matches = jdbc.sql("""
				select member_id, first_name, email from eligibility.member
				where sponsor_id = ? and date_of_birth = ? and last_name_key = ?
				  and coverage_start <= ? and (coverage_end is null or coverage_end >= ?)""")
				.params(sponsor, dateOfBirth, lastName, today, today)
				.query((row, number) -> Names.key(row.getString("first_name")).equals(firstName)
						&& email.equals(Names.emailKey(row.getString("email"))) ? row.getString("member_id") : null)
				.list().stream().filter(Objects::nonNull).toList();

		// two members with the same name, birth date and email cannot be told apart: ask for the member id
		return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
	}

	private record Sponsor(UUID id, String name, boolean hasRoster) {}
}
