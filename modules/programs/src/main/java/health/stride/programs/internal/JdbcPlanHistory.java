package health.stride.programs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;
import health.stride.programs.Phrase;
import health.stride.programs.PlanHistory;
import health.stride.programs.ProgramTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PlanHistory} on the plan tables. A kept version stores the phases, walking target and words of the
 * save but not the plan's name or current phase: those follow from the words, read oldest first (an
 * assignment names the program and starts at its first phase, a move names the phase). The newest version
 * takes them from the plan itself. A version kept before the words were stored as codes (one English text)
 * keeps the name and phase the versions before it had.
 */
@Service
@Transactional(readOnly = true)
class JdbcPlanHistory implements PlanHistory {

	private static final String ASSIGNED = "programs.plan.change.assigned";
	private static final String MOVED = "programs.plan.change.moved";

	private static final String STATUS = """
			select p.id, p.patient_id, p.version, p.assigned_at, p.updated_at, p.ended_at, h.since as held_since
			from programs.plan p left join programs.hold h on h.patient_id = p.patient_id
			""";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	JdbcPlanHistory(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public Optional<PlanStatus> find(UUID plan) {
		return jdbc.sql(STATUS + "where p.id = ?").param(plan).query((row, number) -> status(row)).optional();
	}

	@Override
	public Optional<PlanStatus> ofPatient(PatientId patient) {
		return jdbc.sql(STATUS + "where p.patient_id = ?").param(patient.id()).query((row, number) -> status(row))
				.optional();
	}

	@Override
	public List<SavedVersion> versions(UUID plan) {
		return current(plan).map(it -> fold(it, it.version())).map(List::reversed).orElse(List.of());
	}

	@Override
	public Optional<SavedVersion> version(UUID plan, long version) {
		return current(plan).flatMap(it -> fold(it, version).stream().filter(saved -> saved.version() == version)
				.findFirst());
	}

	@Override
	public List<PlanStatus> page(@Nullable Collection<PatientId> patients, Set<Standing> standings, int offset,
			int limit) {
		if (standings.isEmpty() || patients != null && patients.isEmpty() || limit <= 0) {
			return List.of();
		}
		var ids = patients == null ? new UUID[0] : patients.stream().map(PatientId::id).distinct().toArray(UUID[]::new);
		return jdbc.sql(STATUS + """
				where (? or p.patient_id = any(?))
				  and ((? and p.ended_at is null and h.since is null)
				    or (? and p.ended_at is null and h.since is not null)
				    or (? and p.ended_at is not null))
				order by p.updated_at desc, p.id
				offset ? limit ?""")
				.params(patients == null, ids, standings.contains(Standing.ACTIVE), standings.contains(Standing.ON_HOLD),
						standings.contains(Standing.ENDED), offset, limit)
				.query((row, number) -> status(row)).list();
	}

	/** The plan as it is now: what the newest version's name and phase are taken from. */
	private record Current(UUID id, PatientId patient, String name, int currentPhase, long version) {}

	private Optional<Current> current(UUID plan) {
		return jdbc.sql("select id, patient_id, name, current_phase, version from programs.plan where id = ?").param(plan)
				.query((row, number) -> new Current(row.getObject("id", UUID.class),
						new PatientId(row.getObject("patient_id", UUID.class)), row.getString("name"),
						row.getInt("current_phase"), row.getLong("version")))
				.optional();
	}

	private record Kept(long version, List<ProgramTemplate.Phase> phases, ProgramTemplate.@Nullable Walking walking,
			List<Phrase> changes, String changedBy, Instant changedAt) {}

	/** The kept versions of the plan up to {@code last}, oldest first, each with the name, phase and assignment it had. */
	private List<SavedVersion> fold(Current plan, long last) {

		var kept = jdbc.sql("""
				select version, phases::text, walking::text, changes::text, changed_by, changed_at
				from programs.plan_version where patient_id = ? and version <= ? order by version""")
				.params(plan.patient().id(), last)
				.query((row, number) -> new Kept(row.getLong("version"),
						json.readValue(row.getString("phases"), new TypeReference<List<ProgramTemplate.Phase>>() {}),
						row.getString("walking") == null ? null
								: json.readValue(row.getString("walking"), ProgramTemplate.Walking.class),
						phrases(row.getString("changes")), row.getString("changed_by"),
						row.getTimestamp("changed_at").toInstant()))
				.list();

		var saved = new ArrayList<SavedVersion>();
		// before any assignment in words (versions kept as English text only): the plan's name, its first phase
		var name = plan.name();
		var phase = 0;
		var assignedAt = kept.isEmpty() ? null : kept.getFirst().changedAt();
		for (var version : kept) {
			for (var change : version.changes()) {
				if (change.code().equals(ASSIGNED) && !change.arguments().isEmpty()) {
					name = String.valueOf(change.arguments().getFirst());
					phase = 0;
					assignedAt = version.changedAt();
				} else if (change.code().equals(MOVED) && !change.arguments().isEmpty()) {
					phase = indexOf(version.phases(), String.valueOf(change.arguments().getFirst()), phase);
				}
			}
			var newest = version.version() == plan.version();
			saved.add(new SavedVersion(plan.id(), plan.patient(), version.version(), newest ? plan.name() : name,
					version.phases(), newest ? plan.currentPhase() : Math.min(phase, version.phases().size() - 1),
					version.walking(), version.changes(), version.changedBy(), version.changedAt(), assignedAt));
		}
		return saved;
	}

	private static int indexOf(List<ProgramTemplate.Phase> phases, String name, int otherwise) {
		for (int i = 0; i < phases.size(); i++) {
			if (phases.get(i).name().equals(name)) {
				return i;
			}
		}
		return otherwise;
	}

	private List<Phrase> phrases(String text) {
		var phrases = new ArrayList<Phrase>();
		json.readTree(text).forEach(it -> phrases.add(Phrase.fromJson(it)));
		return phrases;
	}

	private static PlanStatus status(ResultSet row) throws SQLException {
		var ended = instant(row.getTimestamp("ended_at"));
		var held = instant(row.getTimestamp("held_since"));
		var standing = ended != null ? Standing.ENDED : held != null ? Standing.ON_HOLD : Standing.ACTIVE;
		return new PlanStatus(row.getObject("id", UUID.class), new PatientId(row.getObject("patient_id", UUID.class)),
				row.getLong("version"), standing, row.getTimestamp("assigned_at").toInstant(),
				row.getTimestamp("updated_at").toInstant(), held, ended);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
