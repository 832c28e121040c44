package health.stride.eligibility.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsoredMembers;

/** {@link SponsoredMembers} on the current clinic's enrollments (indexed by patient and by member id). */
@Service
@Transactional(readOnly = true)
class JdbcSponsoredMembers implements SponsoredMembers {

	private static final String SELECT = """
			select id, sponsor_id, member_id, patient_id, enrolled_at, coverage_ends_on from eligibility.enrollment""";

	private final JdbcClient jdbc;

	JdbcSponsoredMembers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<SponsoredMember> find(EnrollmentId enrollment) {
		return jdbc.sql(SELECT + " where id = ?").param(enrollment.id()).query(JdbcSponsoredMembers::member).optional();
	}

	@Override
	public List<SponsoredMember> ofPatient(UUID patientId) {
		return jdbc.sql(SELECT + " where patient_id = ? order by enrolled_at, id").param(patientId)
				.query(JdbcSponsoredMembers::member).list();
	}

	@Override
	public Optional<SponsoredMember> find(SponsorId sponsor, String memberId) {
		return jdbc.sql(SELECT + " where sponsor_id = ? and member_id = ?").params(sponsor.id(), memberId)
				.query(JdbcSponsoredMembers::member).optional();
	}

	@Override
	public List<SponsoredMember> withMemberId(String memberId) {
		return jdbc.sql(SELECT + " where member_id = ? order by enrolled_at, id").param(memberId)
				.query(JdbcSponsoredMembers::member).list();
	}

	private static SponsoredMember member(java.sql.ResultSet row, int number) throws java.sql.SQLException {
		return new SponsoredMember(new EnrollmentId(row.getObject("id", UUID.class)),
				new SponsorId(row.getObject("sponsor_id", UUID.class)), row.getString("member_id"),
				row.getObject("patient_id", UUID.class), row.getTimestamp("enrolled_at").toInstant(),
				row.getObject("coverage_ends_on", LocalDate.class));
	}
}
