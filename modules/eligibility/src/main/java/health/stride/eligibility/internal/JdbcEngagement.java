package health.stride.eligibility.internal;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.Engagement;

/** {@link Engagement} on the module's own tables. */
@Service
class JdbcEngagement implements Engagement {

	private final JdbcClient jdbc;

	JdbcEngagement(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records activity of the patient (by the id their signup gave them) in the current clinic. */
	@Transactional
	@Override
	public void recordActivity(UUID patientId, LocalDate day) {
		jdbc.sql("""
				insert into eligibility.activity (enrollment_id, day)
				select e.id, ? from eligibility.enrollment e where e.patient_id = ?
				on conflict do nothing""")
				.params(java.sql.Date.valueOf(day), patientId)
				.update();
	}
}
