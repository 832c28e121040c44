package health.stride.programs.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current clinic's templates in the database; the clinic comes from the transaction. */
@Repository
class TemplateRecords {

	private static final String SELECT = """
			select id, key, name, description, phases::text, walking::text, version from programs.template""";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	TemplateRecords(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Adds the template; one of Stride's (with a key) is added only if the clinic has none of that key. */
	boolean insert(UUID id, @Nullable String key, ProgramTemplates.Draft draft, String createdBy, Instant at) {
		return jdbc.sql("""
				insert into programs.template (id, key, name, description, phases, walking, created_by, updated_at)
				values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
				on conflict (tenant_id, key) do nothing""")
				.params(id, key, draft.name(), draft.description(), json.writeValueAsString(draft.phases()),
						draft.walking() == null ? null : json.writeValueAsString(draft.walking()), createdBy,
						Timestamp.from(at))
				.update() == 1;
	}

	/** @return false if the template is at another version by now */
	boolean update(UUID id, long expectedVersion, ProgramTemplates.Draft draft, Instant at) {
		return jdbc.sql("""
				update programs.template set name = ?, description = ?, phases = ?::jsonb, walking = ?::jsonb,
				    updated_at = ?, version = version + 1
				where id = ? and version = ?""")
				.params(draft.name(), draft.description(), json.writeValueAsString(draft.phases()),
						draft.walking() == null ? null : json.writeValueAsString(draft.walking()), Timestamp.from(at), id,
						expectedVersion)
				.update() == 1;
	}

	List<ProgramTemplate> all() {
		return jdbc.sql(SELECT + " order by name").query((row, number) -> template(row)).list();
	}

	Optional<ProgramTemplate> find(UUID id) {
		return jdbc.sql(SELECT + " where id = ?").param(id).query((row, number) -> template(row)).optional();
	}

	private ProgramTemplate template(java.sql.ResultSet row) throws java.sql.SQLException {
		var walking = row.getString("walking");
		return new ProgramTemplate(row.getObject("id", UUID.class), row.getString("key"), row.getString("name"),
				row.getString("description"),
				json.readValue(row.getString("phases"), new TypeReference<List<ProgramTemplate.Phase>>() {}),
				walking == null ? null : json.readValue(walking, ProgramTemplate.Walking.class), row.getLong("version"));
	}
}
