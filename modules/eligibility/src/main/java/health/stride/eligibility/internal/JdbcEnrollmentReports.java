package health.stride.eligibility.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.EnrollmentReport.Month;
import health.stride.eligibility.EnrollmentReport;
import health.stride.eligibility.EnrollmentReports;
import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.Suppression;

/** {@link EnrollmentReports} on the module's own tables. */
@Service
class JdbcEnrollmentReports implements EnrollmentReports {

	private final JdbcClient jdbc;
	private final SponsorManagement sponsors;
	private final Clock clock;

	JdbcEnrollmentReports(JdbcClient jdbc, SponsorManagement sponsors, Clock clock) {
		this.jdbc = jdbc;
		this.sponsors = sponsors;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	@Override
	public EnrollmentReport of(SponsorId sponsor) {

		var today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		var first = YearMonth.from(today).minusMonths(MONTHS - 1);
		var since = java.sql.Date.valueOf(first.atDay(1));

		var eligible = sponsors.coveredMembers(sponsor, today);
		// members whose cover ended (the day after its last day) leave the counts, and come back when reinstated
		var covered = java.sql.Date.valueOf(today);
		var enrolled = count("""
				select count(*) from eligibility.enrollment
				where sponsor_id = ? and (coverage_ends_on is null or coverage_ends_on >= ?)""", sponsor.id(), covered);
		var activeLast30Days = count("""
				select count(distinct a.enrollment_id) from eligibility.activity a
				join eligibility.enrollment e on e.tenant_id = a.tenant_id and e.id = a.enrollment_id
				where e.sponsor_id = ? and a.day > ? and (e.coverage_ends_on is null or e.coverage_ends_on >= ?)""",
				sponsor.id(), java.sql.Date.valueOf(today.minusDays(30)), covered);

		var enrolledByMonth = byMonth("""
				select to_char(enrolled_at at time zone 'UTC', 'YYYY-MM') as month, count(*) from eligibility.enrollment
				where sponsor_id = ? and enrolled_at >= ? and (coverage_ends_on is null or coverage_ends_on >= ?)
				group by 1""", sponsor.id(), since, covered);
		// a month's activity is history: it stays, but days after the cover ended never count
		var activeByMonth = byMonth("""
				select to_char(a.day, 'YYYY-MM') as month, count(distinct a.enrollment_id) from eligibility.activity a
				join eligibility.enrollment e on e.tenant_id = a.tenant_id and e.id = a.enrollment_id
				where e.sponsor_id = ? and a.day >= ? and (e.coverage_ends_on is null or a.day <= e.coverage_ends_on)
				group by 1""", sponsor.id(), since);

		// the enrollments before the series are a part of the total too: never shown, but never derivable
		var months = new long[MONTHS + 1];
		for (int i = 0; i < MONTHS; i++) {
			months[i] = enrolledByMonth.getOrDefault(first.plusMonths(i).toString(), 0L);
		}
		long inSeries = 0;
		for (int i = 0; i < MONTHS; i++) {
			inSeries += months[i];
		}
		months[MONTHS] = enrolled - inSeries;

		var enrolledCells = Suppression.group(enrolled, months);

		var series = new ArrayList<Month>();
		for (int i = 0; i < MONTHS; i++) {
			var month = first.plusMonths(i);
			series.add(new Month(month, enrolledCells.get(i + 1),
					Suppression.single(activeByMonth.getOrDefault(month.toString(), 0L))));
		}

		return new EnrollmentReport(Suppression.single(eligible), enrolledCells.get(0), Suppression.single(activeLast30Days),
				series);
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private Map<String, Long> byMonth(String sql, Object... params) {
		var counts = new HashMap<String, Long>();
		jdbc.sql(sql).params(params).query(row -> {
			counts.put(row.getString(1), row.getLong(2));
		});
		return counts;
	}
}
