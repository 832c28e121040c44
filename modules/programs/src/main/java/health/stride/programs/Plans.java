package health.stride.programs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Patients' plans. Only the therapist of the patient's care team of record (asked through the
 * patients module) assigns one; a plan is a copy of the template, so later template edits do not
 * change it. While a red flag is open the patient's exercise is on hold.
 */
@Service
@Transactional(readOnly = true)
public class Plans {

	private final JdbcClient jdbc;
	private final ProgramTemplates templates;
	private final CareTeams careTeams;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final JsonMapper json;
	private final Clock clock;

	Plans(JdbcClient jdbc, ProgramTemplates templates, CareTeams careTeams, ApplicationEventPublisher events,
			AuditTrail audit, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.templates = templates;
		this.careTeams = careTeams;
		this.events = events;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** The patient is not one of this therapist's (or not of this clinic): for them, the patient does not exist. */
	public static final class NotYourPatient extends RuntimeException {
		NotYourPatient() {
			super("No such patient.");
		}
	}

	/** Why the patient's exercise is on hold, if it is. */
	public record Hold(Instant since, boolean emergency) {}

	/**
	 * Gives the patient a copy of the template as their plan, replacing the one they had.
	 *
	 * @throws NotYourPatient unless the therapist is the patient's therapist of record
	 * @throws IllegalArgumentException if the clinic has no such template
	 */
	@Transactional
	public Plan assign(PatientId patient, UUID templateId, StrideUser therapist) {

		var team = careTeams.of(patient).filter(it -> it.therapist().username().equals(therapist.username()))
				.orElseThrow(NotYourPatient::new);
		var template = templates.find(templateId).orElseThrow(() -> new IllegalArgumentException("No such template."));
		var now = java.sql.Timestamp.from(clock.instant());
		var phases = json.writeValueAsString(template.phases());
		var walking = template.walking() == null ? null : json.writeValueAsString(template.walking());

		jdbc.sql("""
				insert into programs.plan (tenant_id, patient_id, id, template_id, name, phases, walking, current_phase,
				    version, assigned_by, assigned_at, updated_at)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?::jsonb, ?::jsonb, 0, 1, ?, ?, ?)
				on conflict (tenant_id, patient_id) do update
				set template_id = excluded.template_id, name = excluded.name, phases = excluded.phases,
				    walking = excluded.walking, current_phase = 0, version = plan.version + 1,
				    assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at, updated_at = excluded.updated_at""")
				.params(patient.id(), UUID.randomUUID(), template.id(), template.name(), phases, walking,
						team.therapist().username(), now, now)
				.update();

		var plan = of(patient).orElseThrow();
		jdbc.sql("""
				insert into programs.plan_version (tenant_id, patient_id, version, phases, walking, summary, changed_by,
				    changed_at)
				values (current_setting('stride.tenant_id', true), ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)""")
				.params(patient.id(), plan.version(), phases, walking, "Assigned " + template.name(),
						therapist.username(), now)
				.update();

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "plan");
		events.publishEvent(new ProgramAssigned(CurrentTenant.require(), patient, plan.id(), plan.version()));
		return plan;
	}

	public Optional<Plan> of(PatientId patient) {
		return jdbc.sql("""
				select id, name, phases::text, walking::text, current_phase, version, assigned_by, assigned_at
				from programs.plan where patient_id = ?""")
				.param(patient.id())
				.query((row, number) -> new Plan(row.getObject("id", UUID.class), patient, row.getString("name"),
						json.readValue(row.getString("phases"), new TypeReference<List<ProgramTemplate.Phase>>() {}),
						row.getInt("current_phase"),
						row.getString("walking") == null ? null
								: json.readValue(row.getString("walking"), ProgramTemplate.Walking.class),
						row.getLong("version"), row.getString("assigned_by"), row.getTimestamp("assigned_at").toInstant()))
				.optional();
	}

	public Optional<Hold> holdOf(PatientId patient) {
		return jdbc.sql("select since, emergency from programs.hold where patient_id = ?").param(patient.id())
				.query((row, number) -> new Hold(row.getTimestamp(1).toInstant(), row.getBoolean(2))).optional();
	}

	/** Puts the patient's exercise on hold for an open red flag; a second report keeps the first time. */
	@Transactional
	public void hold(PatientId patient, boolean emergency) {
		jdbc.sql("""
				insert into programs.hold (tenant_id, patient_id, since, emergency)
				values (current_setting('stride.tenant_id', true), ?, ?, ?)
				on conflict (tenant_id, patient_id) do update set emergency = hold.emergency or excluded.emergency""")
				.params(patient.id(), java.sql.Timestamp.from(clock.instant()), emergency).update();
	}

	/** Lifts the hold once no red flag is open any more. */
	@Transactional
	public void release(PatientId patient) {
		jdbc.sql("delete from programs.hold where patient_id = ?").param(patient.id()).update();
	}
}
