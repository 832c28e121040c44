package health.stride.eligibility.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.CoverageEnding;
import health.stride.eligibility.CoverageEnds;
import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.MemberReinstated;
import health.stride.eligibility.SponsorId;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * {@link CoverageEnds} on the enrollments, and the one place that announces a change of a member's
 * coverage end: the enrollment keeps the end last announced, and {@link #announceChanges} compares it
 * with the roster, so a repeated import or signup announces nothing twice.
 */
@Service
@Transactional(readOnly = true)
class JdbcCoverageEnds implements CoverageEnds {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	JdbcCoverageEnds(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Override
	public Optional<LocalDate> of(EnrollmentId enrollment) {
		return jdbc.sql("select coverage_ends_on from eligibility.enrollment where id = ?").param(enrollment.id())
				.query((row, number) -> Optional.ofNullable(row.getObject(1, LocalDate.class))).optional()
				.flatMap(it -> it);
	}

	/**
	 * Brings the sponsor's enrollments (or just one) in line with its roster and announces each change:
	 * {@link CoverageEnding} for an end set or moved, {@link MemberReinstated} for an end removed. Runs
	 * in the caller's transaction, as the clinic of the sponsor.
	 */
	@Transactional
	void announceChanges(SponsorId sponsor, @Nullable EnrollmentId only) {

		var tenant = CurrentTenant.require();
		jdbc.sql("""
				update eligibility.enrollment e set coverage_ends_on = m.coverage_end
				from eligibility.member m
				where e.sponsor_id = :sponsor and (cast(:only as uuid) is null or e.id = :only)
				  and m.sponsor_id = e.sponsor_id and m.member_id = e.member_id
				  and e.coverage_ends_on is distinct from m.coverage_end
				returning e.id, e.patient_id, e.coverage_ends_on""")
				.param("sponsor", sponsor.id()).param("only", only == null ? null : only.id(), java.sql.Types.OTHER)
				.query((row, number) -> {
					var enrollment = new EnrollmentId(row.getObject("id", UUID.class));
					var patient = row.getObject("patient_id", UUID.class);
					var endsOn = row.getObject("coverage_ends_on", LocalDate.class);
					return endsOn == null ? new MemberReinstated(tenant, sponsor, enrollment, patient)
							: new CoverageEnding(tenant, sponsor, enrollment, patient, endsOn);
				}).list().forEach(events::publishEvent);
	}
}
