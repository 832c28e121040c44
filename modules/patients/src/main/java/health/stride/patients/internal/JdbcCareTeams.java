package health.stride.patients.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeamAssigned;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.CurrentTenant;

/** {@link CareTeams} on the module's own tables. */
@Service
@Transactional(readOnly = true)
class JdbcCareTeams implements CareTeams {

	private final JdbcClient jdbc;
	private final Patients patients;
	private final StatusChanges statuses;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	JdbcCareTeams(JdbcClient jdbc, Patients patients, StatusChanges statuses, ApplicationEventPublisher events,
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
	 * @throws IllegalArgumentException if the current clinic has no such patient, or a clinician left the clinic
	 */
	@Transactional
	@Override
	public void assign(PatientId patient, CareTeam.Member therapist, CareTeam.@Nullable Member coach) {

		if (!patients.existsById(patient.id())) {
			throw new IllegalArgumentException("No patient " + patient + " in this clinic");
		}
		if (hasLeft(therapist.username()) || coach != null && hasLeft(coach.username())) {
			throw new IllegalArgumentException("A clinician who left the clinic cannot join a care team");
		}
		var team = new CareTeam(therapist, coach);
		var before = of(patient);
		if (before.filter(team::equals).isPresent()) {
			return;
		}

		record(patient, before, Optional.of(team));
		statuses.activateIfReady(patient.id());
	}

	/**
	 * Takes a clinician who left the clinic off every care team, in the caller's transaction; from
	 * now on no care-team check lets them in, even if a late event names them again. Their patients
	 * keep the rest of their team; the care teams module then finds them someone new.
	 *
	 * @return the patients whose care team the clinician left
	 */
	@Transactional
	@Override
	public List<PatientId> departed(String username) {

		var patients = jdbc.sql("""
				select patient_id from patients.care_team where therapist_username = ? or coach_username = ?
				order by patient_id""")
				.params(username, username).query((row, number) -> new PatientId(row.getObject(1, UUID.class))).list();
		var before = new java.util.LinkedHashMap<PatientId, Optional<CareTeam>>();
		patients.forEach(patient -> before.put(patient, of(patient)));

		jdbc.sql("""
				insert into patients.departed_clinician (username, departed_at)
				values (?, ?)
				on conflict (tenant_id, username) do nothing""")
				.params(username, java.sql.Timestamp.from(clock.instant())).update();

		before.forEach((patient, team) -> record(patient, team, of(patient))); // of() no longer sees them
		return patients;
	}

	/** Writes the care team (none: the row goes), audits it and announces what changed. */
	private void record(PatientId patient, Optional<CareTeam> before, Optional<CareTeam> after) {

		var now = clock.instant();
		var therapist = after.map(CareTeam::therapist).orElse(null);
		var coach = after.map(CareTeam::coach).orElse(null);

		if (after.isEmpty()) {
			jdbc.sql("delete from patients.care_team where patient_id = ?").param(patient.id()).update();
		} else {
			jdbc.sql("""
					insert into patients.care_team (patient_id, therapist_id, therapist_username, therapist_name,
					    coach_id, coach_username, coach_name, assigned_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (tenant_id, patient_id) do update
					set therapist_id = excluded.therapist_id, therapist_username = excluded.therapist_username,
					    therapist_name = excluded.therapist_name, coach_id = excluded.coach_id,
					    coach_username = excluded.coach_username, coach_name = excluded.coach_name,
					    assigned_at = excluded.assigned_at""")
					.params(patient.id(), therapist == null ? null : therapist.clinicianId(),
							therapist == null ? null : therapist.username(), therapist == null ? null : therapist.displayName(),
							coach == null ? null : coach.clinicianId(), coach == null ? null : coach.username(),
							coach == null ? null : coach.displayName(), java.sql.Timestamp.from(now))
					.update();
		}

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "care-team");
		events.publishEvent(new CareTeamAssigned(CurrentTenant.require(), patient, idOf(therapist), idOf(coach),
				before.map(CareTeam::therapist).map(CareTeam.Member::clinicianId).orElse(null),
				before.map(CareTeam::coach).map(CareTeam.Member::clinicianId).orElse(null), now));
	}

	private static @Nullable UUID idOf(CareTeam.@Nullable Member member) {
		return member == null ? null : member.clinicianId();
	}

	/** The patient's care team of record, without anyone who left the clinic. */
	@Override
	public Optional<CareTeam> of(PatientId patient) {
		return jdbc.sql("""
				select therapist_id, therapist_username, therapist_name, coach_id, coach_username, coach_name
				from patients.care_team t where patient_id = ?""")
				.param(patient.id())
				.query((row, number) -> new CareTeam(member(row, 1), member(row, 4)))
				.optional()
				.map(team -> new CareTeam(present(team.therapist()), present(team.coach())))
				.filter(team -> team.therapist() != null || team.coach() != null);
	}

	/** Whether the clinician with this username is on the patient's care team (and has not left the clinic). */
	@Override
	public boolean isOnCareTeam(PatientId patient, String username) {
		return jdbc.sql("""
				select exists (select 1 from patients.care_team
				               where patient_id = ? and (therapist_username = ? or coach_username = ?))
				   and not exists (select 1 from patients.departed_clinician where username = ?)""")
				.params(patient.id(), username, username, username).query(Boolean.class).single();
	}

	/** The patients this clinician cares for, as therapist or coach (none once they left the clinic). */
	@Override
	public List<PatientId> patientsOf(String username) {
		return jdbc.sql("""
				select patient_id from patients.care_team where (therapist_username = ? or coach_username = ?)
				  and not exists (select 1 from patients.departed_clinician where username = ?)
				order by patient_id""")
				.params(username, username, username).query((row, number) -> new PatientId(row.getObject(1, UUID.class))).list();
	}

	private CareTeam.@Nullable Member present(CareTeam.@Nullable Member member) {
		return member == null || hasLeft(member.username()) ? null : member;
	}

	private boolean hasLeft(String username) {
		return jdbc.sql("select exists (select 1 from patients.departed_clinician where username = ?)").param(username)
				.query(Boolean.class).single();
	}

	private static CareTeam.@Nullable Member member(java.sql.ResultSet row, int column) throws java.sql.SQLException {
		return row.getObject(column) == null ? null
				: new CareTeam.Member(row.getObject(column, UUID.class), row.getString(column + 1), row.getString(column + 2));
	}
}
