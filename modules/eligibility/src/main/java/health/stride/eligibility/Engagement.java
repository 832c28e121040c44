package health.stride.eligibility;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where downstream modules report that an enrolled patient was active on a day, so sponsors can
 * see engagement as counts. Reporting the same day twice counts once.
 */
@Service
public class Engagement {

	private final JdbcClient jdbc;

	Engagement(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records activity of the patient (by the id their signup gave them) in the current clinic. */
	@Transactional
	public void recordActivity(UUID patientId, LocalDate day) {
		jdbc.sql("""
				insert into eligibility.activity (enrollment_id, day)
				select e.id, ? from eligibility.enrollment e where e.patient_id = ?
				on conflict do nothing""")
				.params(java.sql.Date.valueOf(day), patientId)
				.update();
	}
}
