package health.stride.eligibility.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.ClinicEnrollments;
import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.SponsorId;

/** {@link ClinicEnrollments} on the rosters and enrollments of the current clinic. */
@Service
@Transactional(readOnly = true)
class JdbcClinicEnrollments implements ClinicEnrollments {

	private final JdbcClient jdbc;
	private final JdbcCoverageEnds coverageEnds;
	private final Clock clock;

	JdbcClinicEnrollments(JdbcClient jdbc, JdbcCoverageEnds coverageEnds, Clock clock) {
		this.jdbc = jdbc;
		this.coverageEnds = coverageEnds;
		this.clock = clock;
	}

	@Override
	public Optional<String> coveringMember(SponsorId sponsor, String firstName, String lastName, LocalDate dateOfBirth) {

		var today = java.sql.Date.valueOf(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
		var firstNameKey = Names.key(firstName);
		var matches = jdbc.sql("""
				select member_id, first_name from eligibility.member
				where sponsor_id = ? and date_of_birth = ? and last_name_key = ?
				  and coverage_start <= ? and (coverage_end is null or coverage_end >= ?)""")
				.params(sponsor.id(), java.sql.Date.valueOf(dateOfBirth), Names.key(lastName), today, today)
				.query((row, number) -> Names.key(row.getString("first_name")).equals(firstNameKey)
						? row.getString("member_id") : null)
				.list().stream().filter(java.util.Objects::nonNull).toList();

		// two members of one name and birth date cannot be told apart: neither is chosen
		return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
	}

	@Transactional
	@Override
	public Optional<EnrollmentId> enroll(SponsorId sponsor, String memberId, UUID patientId, EnrolledAccount account) {

		var enrollment = new EnrollmentId(UUID.randomUUID());
		var inserted = jdbc.sql("""
				insert into eligibility.enrollment (id, sponsor_id, member_id, patient_id, account_id,
				    username, email, state, time_zone, enrolled_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, sponsor_id, member_id) do nothing""")
				.params(enrollment.id(), sponsor.id(), memberId, patientId, account.accountId(), account.username(),
						account.email(), account.state(), account.timeZone(),
						java.sql.Timestamp.from(clock.instant()))
				.update();
		if (inserted == 0) {
			return Optional.empty();
		}
		coverageEnds.announceChanges(sponsor, enrollment); // the roster may name the end of cover ahead
		return Optional.of(enrollment);
	}
}
