package health.stride.programs.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;
import health.stride.programs.ReportedDays;

/** The patient's reporting days, from the sessions, walks and ratings stored, as days in the zone asked for. */
@Service
@Transactional(readOnly = true)
class JdbcReportedDays implements ReportedDays {

	private final JdbcClient jdbc;

	JdbcReportedDays(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<LocalDate> between(PatientId patient, LocalDate from, LocalDate to, ZoneId zone) {
		if (to.isBefore(from)) {
			return List.of();
		}
		var start = Timestamp.from(from.atStartOfDay(zone).toInstant());
		var end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
		return jdbc.sql("""
				select distinct (at at time zone :zone)::date as day
				from (select performed_at as at from programs.session
				      where patient_id = :patient and performed_at >= :start and performed_at < :end
				      union all
				      select walked_at from programs.walk
				      where patient_id = :patient and walked_at >= :start and walked_at < :end
				      union all
				      select assessed_at from programs.psfs_assessment
				      where patient_id = :patient and assessed_at >= :start and assessed_at < :end) reported
				order by day""")
				.param("zone", zone.getId()).param("patient", patient.id()).param("start", start).param("end", end)
				.query(LocalDate.class).list();
	}
}
