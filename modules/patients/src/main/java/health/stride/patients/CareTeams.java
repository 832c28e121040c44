package health.stride.patients;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.internal.Patients;
import health.stride.patients.internal.StatusChanges;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * The care team of record. The care teams module decides who cares for a patient (licensure,
 * workload) and records it here; every other module asks here whether someone is on a patient's
 * care team.
 */
@Service
@Transactional(readOnly = true)
public class CareTeams {

	private final JdbcClient jdbc;
	private final Patients patients;
	private final StatusChanges statuses;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	CareTeams(JdbcClient jdbc, Patients patients, StatusChanges statuses, ApplicationEventPublisher events,
			AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.patients = patients;
		this.statuses = statuses;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Sets the patient's care team. Assigning the same team again changes nothing and announces
	 * nothing.
	 *
	 * @throws IllegalArgumentException if the current clinic has no such patient
	 */
	@Transactional
	public void assign(PatientId patient, CareTeam.Member therapist, CareTeam.@Nullable Member coach) {

		if (!patients.existsById(patient.id())) {
			throw new IllegalArgumentException("No patient " + patient + " in this clinic");
		}
		var team = new CareTeam(therapist, coach);
		var before = of(patient);
		if (before.filter(team::equals).isPresent()) {
			return;
		}
		var now = clock.instant();

		jdbc.sql("""
				insert into patients.care_team (tenant_id, patient_id, therapist_id, therapist_username, therapist_name,
				    coach_id, coach_username, coach_name, assigned_at)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, patient_id) do update
				set therapist_id = excluded.therapist_id, therapist_username = excluded.therapist_username,
				    therapist_name = excluded.therapist_name, coach_id = excluded.coach_id,
				    coach_username = excluded.coach_username, coach_name = excluded.coach_name,
				    assigned_at = excluded.assigned_at""")
				.params(patient.id(), therapist.clinicianId(), therapist.username(), therapist.displayName(),
						coach == null ? null : coach.clinicianId(), coach == null ? null : coach.username(),
						coach == null ? null : coach.displayName(), java.sql.Timestamp.from(now))
				.update();

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "care-team");
		events.publishEvent(new CareTeamAssigned(CurrentTenant.require(), patient, therapist.clinicianId(),
				coach == null ? null : coach.clinicianId(), before.map(it -> it.therapist().clinicianId()).orElse(null),
				before.map(CareTeam::coach).map(CareTeam.Member::clinicianId).orElse(null), now));
		statuses.activateIfReady(patient.id());
	}

	public Optional<CareTeam> of(PatientId patient) {
		return jdbc.sql("""
				select therapist_id, therapist_username, therapist_name, coach_id, coach_username, coach_name
				from patients.care_team where patient_id = ?""")
				.param(patient.id())
				.query((row, number) -> new CareTeam(
						new CareTeam.Member(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
						row.getObject(4) == null ? null
								: new CareTeam.Member(row.getObject(4, UUID.class), row.getString(5), row.getString(6))))
				.optional();
	}

	/** Whether the clinician with this username is on the patient's care team. */
	public boolean isOnCareTeam(PatientId patient, String username) {
		return jdbc.sql("""
				select exists (select 1 from patients.care_team
				               where patient_id = ? and (therapist_username = ? or coach_username = ?))""")
				.params(patient.id(), username, username).query(Boolean.class).single();
	}

	/** The patients this clinician cares for, as therapist or coach. */
	public List<PatientId> patientsOf(String username) {
		return jdbc.sql("""
				select patient_id from patients.care_team where therapist_username = ? or coach_username = ?
				order by patient_id""")
				.params(username, username).query((row, number) -> new PatientId(row.getObject(1, UUID.class))).list();
	}
}
