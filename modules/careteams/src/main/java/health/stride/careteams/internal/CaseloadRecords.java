package health.stride.careteams.internal;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlags;

/**
 * Keeps a patient's row of the caseload read model in step with the patients module: the row is
 * rebuilt from patients' query API each time, so handling an event twice changes nothing.
 */
@Component
@Transactional
public class CaseloadRecords {

	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final RedFlags redFlags;
	private final Intakes intakes;
	private final JdbcClient jdbc;
	private final Clock clock;

	CaseloadRecords(PatientDirectory patients, CareTeams careTeams, RedFlags redFlags, Intakes intakes, JdbcClient jdbc,
			Clock clock) {
		this.patients = patients;
		this.careTeams = careTeams;
		this.redFlags = redFlags;
		this.intakes = intakes;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Rebuilds the patient's row.
	 *
	 * @param activityAt when the patient last did something themself, if this update is about that
	 */
	public void refresh(PatientId patient, @Nullable Instant activityAt) {

		var summary = patients.find(patient).orElseThrow(() -> new IllegalStateException("No patient " + patient));
		var team = careTeams.of(patient);
		var draft = intakes.draft(patient);
		var activity = java.sql.Timestamp.from(activityAt != null ? activityAt : clock.instant());

		jdbc.sql("""
				insert into careteams.caseload_entry (tenant_id, patient_id, display_name, state, status,
				    therapist_username, coach_username, intake_completed_at, open_red_flags, last_activity_at)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, patient_id) do update
				set display_name = excluded.display_name, state = excluded.state, status = excluded.status,
				    therapist_username = excluded.therapist_username, coach_username = excluded.coach_username,
				    intake_completed_at = excluded.intake_completed_at, open_red_flags = excluded.open_red_flags,
				    last_activity_at = case when ? then greatest(caseload_entry.last_activity_at, excluded.last_activity_at)
				                            else caseload_entry.last_activity_at end""")
				.params(patient.id(), summary.firstName() + " " + summary.lastName(), summary.state(),
						summary.status().name(), team.map(CareTeam::therapist).map(CareTeam.Member::username).orElse(null),
						team.map(CareTeam::coach).map(CareTeam.Member::username).orElse(null),
						draft.completedAt() == null ? null : java.sql.Timestamp.from(draft.completedAt()),
						redFlags.open(patient).size(), activity, activityAt != null)
				.update();
	}
}
