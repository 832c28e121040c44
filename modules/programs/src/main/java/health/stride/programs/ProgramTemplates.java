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
	private final JsonMapper json;
	private final Clock clock;

	ProgramTemplates(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
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
					insert into programs.template (tenant_id, id, key, name, description, phases, walking, created_by,
					    updated_at)
					values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?::jsonb, ?::jsonb, 'stride', ?)
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
