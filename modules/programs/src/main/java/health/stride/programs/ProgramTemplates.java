package health.stride.programs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.programs.internal.Catalogue;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current clinic's program templates. */
@Service
@Transactional(readOnly = true)
public class ProgramTemplates {

	private final JdbcClient jdbc;
	private final ExerciseLibrary library;
	private final JsonMapper json;
	private final Clock clock;

	ProgramTemplates(JdbcClient jdbc, ExerciseLibrary library, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.library = library;
		this.json = json;
		this.clock = clock;
	}

	/** Someone saved the template since it was opened; nothing was changed. */
	public static final class StaleVersion extends RuntimeException {
		StaleVersion() {
			super("Someone saved this template in the meantime.");
		}
	}

	/** What a clinic's template says: its name, description, phases and walking target. */
	public record Draft(String name, String description, List<ProgramTemplate.Phase> phases,
			ProgramTemplate.@org.jspecify.annotations.Nullable Walking walking) {

		public Draft {
			phases = List.copyOf(phases);
		}
	}

	/**
	 * Adds a template of the clinic's own.
	 *
	 * @throws IllegalArgumentException for an exercise not in the library or a phase without exercises
	 */
	@Transactional
	public ProgramTemplate create(Draft draft, String createdBy) {
		check(draft);
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into programs.template (id, key, name, description, phases, walking, created_by, updated_at)
				values (?, null, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""")
				.params(id, draft.name(), draft.description(), json.writeValueAsString(draft.phases()),
						draft.walking() == null ? null : json.writeValueAsString(draft.walking()), createdBy,
						java.sql.Timestamp.from(clock.instant()))
				.update();
		return find(id).orElseThrow();
	}

	/**
	 * Saves changes to one of the clinic's templates. Plans made from it before keep what they were given.
	 *
	 * @param expectedVersion the version the changes were made to
	 * @throws StaleVersion if the template was saved since
	 * @throws IllegalArgumentException for an exercise not in the library or a phase without exercises
	 */
	@Transactional
	public ProgramTemplate update(UUID id, long expectedVersion, Draft draft) {
		check(draft);
		var saved = jdbc.sql("""
				update programs.template set name = ?, description = ?, phases = ?::jsonb, walking = ?::jsonb,
				    updated_at = ?, version = version + 1
				where id = ? and version = ?""")
				.params(draft.name(), draft.description(), json.writeValueAsString(draft.phases()),
						draft.walking() == null ? null : json.writeValueAsString(draft.walking()),
						java.sql.Timestamp.from(clock.instant()), id, expectedVersion)
				.update();
		if (saved == 0) {
			throw new StaleVersion();
		}
		return find(id).orElseThrow();
	}

	private void check(Draft draft) {
		if (draft.phases().isEmpty()) {
			throw new IllegalArgumentException("A template has at least one phase.");
		}
		for (var phase : draft.phases()) {
			if (phase.exercises().isEmpty()) {
				throw new IllegalArgumentException("Every phase has at least one exercise.");
			}
			for (var exercise : phase.exercises()) {
				if (library.find(exercise.slug()).isEmpty()) {
					throw new IllegalArgumentException("'" + exercise.slug() + "' is not an exercise of the library.");
				}
			}
		}
	}

	public List<ProgramTemplate> all() {
		return jdbc.sql(SELECT + " order by name").query((row, number) -> template(row)).list();
	}

	public Optional<ProgramTemplate> find(UUID id) {
		return jdbc.sql(SELECT + " where id = ?").param(id).query((row, number) -> template(row)).optional();
	}

	/** Gives the current clinic Stride's templates it does not have yet (by key); the clinic's own edits stay. */
	@Transactional
	public int seedDefaults() {

		var added = 0;
		for (var template : Catalogue.load(json).templates()) {
			added += jdbc.sql("""
					insert into programs.template (id, key, name, description, phases, walking, created_by,
					    updated_at)
					values (?, ?, ?, ?, ?::jsonb, ?::jsonb, 'stride', ?)
					on conflict (tenant_id, key) do nothing""")
					.params(UUID.randomUUID(), template.key(), template.name(), template.description(),
							json.writeValueAsString(template.phases()),
							template.walking() == null ? null : json.writeValueAsString(template.walking()),
							java.sql.Timestamp.from(clock.instant()))
					.update();
		}
		return added;
	}

	private static final String SELECT = """
			select id, key, name, description, phases::text, walking::text, version from programs.template""";

	private ProgramTemplate template(java.sql.ResultSet row) throws java.sql.SQLException {
		var walking = row.getString("walking");
		return new ProgramTemplate(row.getObject("id", UUID.class), row.getString("key"), row.getString("name"),
				row.getString("description"),
				json.readValue(row.getString("phases"), new TypeReference<List<ProgramTemplate.Phase>>() {}),
				walking == null ? null : json.readValue(walking, ProgramTemplate.Walking.class), row.getLong("version"));
	}
}
