package health.stride.programs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
	private final ExerciseLibrary library;
	private final CareTeams careTeams;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final JsonMapper json;
	private final Clock clock;

	Plans(JdbcClient jdbc, ProgramTemplates templates, ExerciseLibrary library, CareTeams careTeams,
			ApplicationEventPublisher events, AuditTrail audit, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.templates = templates;
		this.library = library;
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

		var team = careTeams.of(patient).filter(it -> it.isTherapist(therapist.username()))
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
						therapist.username(), now, now)
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

	/** Someone saved the plan since the therapist opened it; nothing was changed. */
	public static final class StaleVersion extends RuntimeException {

		private final long current;
		private final String lastChange;

		StaleVersion(long current, String lastChange) {
			super("The plan was changed in the meantime (now version " + current + ": " + lastChange + ").");
			this.current = current;
			this.lastChange = lastChange;
		}

		public long current() {
			return current;
		}

		public String lastChange() {
			return lastChange;
		}
	}

	/** One saved version of a plan: what changed, who changed it and when. */
	public record Version(long version, String summary, String changedBy, Instant changedAt) {}

	/**
	 * Saves the therapist's changes to the current phase (and, if given, moves the plan to another
	 * phase) as a new version, described in words.
	 *
	 * @param expectedVersion the version the therapist changed
	 * @return the plan as saved; unchanged if nothing differed
	 * @throws NotYourPatient unless the therapist is the patient's therapist of record
	 * @throws StaleVersion if the plan has another version by now
	 * @throws IllegalArgumentException for an exercise not in the library, or a phase the plan does not have
	 */
	@Transactional
	public Plan tailor(PatientId patient, long expectedVersion, List<ProgramTemplate.Prescribed> exercises,
			@Nullable Integer phase, StrideUser therapist) {

		var plan = editable(patient, therapist);
		if (plan.version() != expectedVersion) {
			throw stale(patient, plan);
		}
		var phases = new java.util.ArrayList<List<ProgramTemplate.Prescribed>>();
		plan.phases().forEach(it -> phases.add(it.exercises()));
		phases.set(plan.currentPhase(), exercises);
		return tailor(patient, expectedVersion, phases, phase == null ? plan.currentPhase() : phase, therapist);
	}

	/**
	 * Saves the therapist's changes to any of the plan's phases, and which phase the patient is in, as
	 * a new version described in words. The phases keep their names and their order.
	 *
	 * @param exercises the exercises of every phase, in the plan's order of phases
	 * @param currentPhase the phase the patient does from now on
	 * @return the plan as saved; unchanged if nothing differed
	 * @throws NotYourPatient unless the therapist is the patient's therapist of record
	 * @throws StaleVersion if the plan has another version by now
	 * @throws IllegalArgumentException for an exercise not in the library, an empty phase, a phase the
	 *     plan does not have, or another number of phases than the plan has
	 */
	@Transactional
	public Plan tailor(PatientId patient, long expectedVersion, List<List<ProgramTemplate.Prescribed>> exercises,
			int currentPhase, StrideUser therapist) {

		var plan = editable(patient, therapist);
		if (plan.version() != expectedVersion) {
			throw stale(patient, plan);
		}
		if (exercises.size() != plan.phases().size()) {
			throw new IllegalArgumentException("The plan has " + plan.phases().size() + " phases.");
		}
		if (currentPhase < 0 || currentPhase >= plan.phases().size()) {
			throw new IllegalArgumentException("The plan has phases 0 to " + (plan.phases().size() - 1) + ".");
		}
		for (var phase : exercises) {
			if (phase.isEmpty()) {
				throw new IllegalArgumentException("A phase has at least one exercise.");
			}
			for (var exercise : phase) {
				if (library.find(exercise.slug()).isEmpty()) {
					throw new IllegalArgumentException("'" + exercise.slug() + "' is not an exercise of the library.");
				}
			}
		}

		var phases = new java.util.ArrayList<ProgramTemplate.Phase>();
		var changes = new java.util.ArrayList<String>();
		for (int i = 0; i < exercises.size(); i++) {
			var before = plan.phases().get(i);
			phases.add(new ProgramTemplate.Phase(before.name(), before.advanceWhen(), exercises.get(i)));
			var where = i == plan.currentPhase() ? "" : " in “" + before.name() + "”";
			PlanDiff.changes(before.exercises(), exercises.get(i), this::name).forEach(it -> changes.add(it + where));
		}
		if (currentPhase != plan.currentPhase()) {
			changes.add("moved to “" + phases.get(currentPhase).name() + "”");
		}
		if (changes.isEmpty()) {
			return plan;
		}

		var summary = String.join("; ", changes);
		var now = java.sql.Timestamp.from(clock.instant());
		var phasesJson = json.writeValueAsString(phases);
		var saved = jdbc.sql("""
				update programs.plan set phases = ?::jsonb, current_phase = ?, version = version + 1, updated_at = ?
				where patient_id = ? and version = ?""")
				.params(phasesJson, currentPhase, now, patient.id(), expectedVersion).update();
		if (saved == 0) {
			throw stale(patient, of(patient).orElseThrow());
		}
		jdbc.sql("""
				insert into programs.plan_version (tenant_id, patient_id, version, phases, walking, summary, changed_by,
				    changed_at)
				values (current_setting('stride.tenant_id', true), ?, ?, ?::jsonb, (select walking from programs.plan
				        where patient_id = ?), ?, ?, ?)""")
				.params(patient.id(), expectedVersion + 1, phasesJson, patient.id(), summary, therapist.username(), now).update();

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "plan");
		events.publishEvent(new ProgramTailored(CurrentTenant.require(), patient, plan.id(), expectedVersion + 1));
		return of(patient).orElseThrow();
	}

	/**
	 * The patient's plan, for their therapist of record to change.
	 *
	 * @throws NotYourPatient unless the therapist is the patient's therapist of record and the patient has a plan
	 */
	public Plan editable(PatientId patient, StrideUser therapist) {
		careTeams.of(patient).filter(it -> it.isTherapist(therapist.username()))
				.orElseThrow(NotYourPatient::new);
		return of(patient).orElseThrow(NotYourPatient::new);
	}

	private String name(String slug) {
		return library.find(slug).map(Exercise::name).orElse(slug);
	}

	/** The plan's versions, newest first. */
	public List<Version> versions(PatientId patient) {
		return jdbc.sql("""
				select version, summary, changed_by, changed_at from programs.plan_version where patient_id = ?
				order by version desc""")
				.param(patient.id())
				.query((row, number) -> new Version(row.getLong(1), row.getString(2), row.getString(3),
						row.getTimestamp(4).toInstant()))
				.list();
	}

	private StaleVersion stale(PatientId patient, Plan current) {
		var last = versions(patient).stream().findFirst().map(Version::summary).orElse("");
		return new StaleVersion(current.version(), last);
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
