package health.stride.programs.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import health.stride.patients.PatientId;
import health.stride.programs.Phrase;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current clinic's plans, their versions and holds in the database; the clinic comes from the transaction. */
@Repository
class PlanRecords {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	PlanRecords(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Makes the template the patient's plan: version 1, or the next version of the plan they had. */
	void assign(PatientId patient, ProgramTemplate template, String therapist, Instant at) {
		var now = Timestamp.from(at);
		jdbc.sql("""
				insert into programs.plan (patient_id, id, template_id, name, phases, walking, current_phase,
				    version, assigned_by, assigned_at, updated_at)
				values (?, ?, ?, ?, ?::jsonb, ?::jsonb, 0, 1, ?, ?, ?)
				on conflict (tenant_id, patient_id) do update
				set template_id = excluded.template_id, name = excluded.name, phases = excluded.phases,
				    walking = excluded.walking, current_phase = 0, version = plan.version + 1,
				    assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at, updated_at = excluded.updated_at,
				    ended_at = null""")
				.params(patient.id(), UUID.randomUUID(), template.id(), template.name(),
						json.writeValueAsString(template.phases()), walking(template.walking()), therapist, now, now)
				.update();
	}

	/**
	 * Saves the plan's phases and current phase as its version, if the plan is still at the version before.
	 *
	 * @return false if another version was saved meanwhile
	 */
	boolean save(Plan plan, Instant at) {
		return jdbc.sql("""
				update programs.plan set phases = ?::jsonb, current_phase = ?, version = ?, updated_at = ?
				where patient_id = ? and version = ?""")
				.params(json.writeValueAsString(plan.phases()), plan.currentPhase(), plan.version(), Timestamp.from(at),
						plan.patient().id(), plan.version() - 1)
				.update() == 1;
	}

	/** Keeps the plan as it is now as one of its versions, with what changed. */
	void keepVersion(Plan plan, List<Phrase> changes, String changedBy, Instant at) {
		var words = json.createArrayNode();
		changes.forEach(it -> words.add(it.toJson()));
		jdbc.sql("""
				insert into programs.plan_version (patient_id, version, phases, walking, changes, changed_by, changed_at)
				values (?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)""")
				.params(plan.patient().id(), plan.version(), json.writeValueAsString(plan.phases()), walking(plan.walking()),
						json.writeValueAsString(words), changedBy, Timestamp.from(at))
				.update();
	}

	List<Plans.Version> versions(PatientId patient) {
		return jdbc.sql("""
				select version, changes::text, changed_by, changed_at from programs.plan_version where patient_id = ?
				order by version desc""")
				.param(patient.id())
				.query((row, number) -> new Plans.Version(row.getLong(1), phrases(row.getString(2)), row.getString(3),
						row.getTimestamp(4).toInstant()))
				.list();
	}

	Optional<Plan> of(PatientId patient) {
		return jdbc.sql("""
				select id, name, phases::text, walking::text, current_phase, version, assigned_by, assigned_at
				from programs.plan where patient_id = ? and ended_at is null""")
				.param(patient.id())
				.query((row, number) -> new Plan(row.getObject("id", UUID.class), patient, row.getString("name"),
						json.readValue(row.getString("phases"), new TypeReference<List<ProgramTemplate.Phase>>() {}),
						row.getInt("current_phase"),
						row.getString("walking") == null ? null
								: json.readValue(row.getString("walking"), ProgramTemplate.Walking.class),
						row.getLong("version"), row.getString("assigned_by"), row.getTimestamp("assigned_at").toInstant()))
				.optional();
	}

	/** Ends the patient's plan (at discharge): no plan for today any more, its versions kept. */
	void end(PatientId patient, Instant at) {
		jdbc.sql("update programs.plan set ended_at = ? where patient_id = ? and ended_at is null")
				.params(Timestamp.from(at), patient.id()).update();
	}

	Optional<Plans.Hold> holdOf(PatientId patient) {
		return jdbc.sql("select since, emergency from programs.hold where patient_id = ?").param(patient.id())
				.query((row, number) -> new Plans.Hold(row.getTimestamp(1).toInstant(), row.getBoolean(2))).optional();
	}

	/** A second report keeps the first time, and an emergency stays one. */
	void hold(PatientId patient, boolean emergency, Instant at) {
		jdbc.sql("""
				insert into programs.hold (patient_id, since, emergency) values (?, ?, ?)
				on conflict (tenant_id, patient_id) do update set emergency = hold.emergency or excluded.emergency""")
				.params(patient.id(), Timestamp.from(at), emergency).update();
	}

	void release(PatientId patient) {
		jdbc.sql("delete from programs.hold where patient_id = ?").param(patient.id()).update();
	}

	private @Nullable String walking(ProgramTemplate.@Nullable Walking walking) {
		return walking == null ? null : json.writeValueAsString(walking);
	}

	private List<Phrase> phrases(String text) {
		var phrases = new ArrayList<Phrase>();
		json.readTree(text).forEach(it -> phrases.add(Phrase.fromJson(it)));
		return phrases;
	}
}
