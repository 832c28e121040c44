package health.stride.programs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The exercise library every clinic shares. */
@Service
@Transactional(readOnly = true)
public class ExerciseLibrary {

	private final JdbcClient jdbc;

	ExerciseLibrary(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Which exercises to show: by body region, by tag, by words in the name (all optional). */
	public record Filter(@Nullable String region, @Nullable String tag, @Nullable String text) {

		public static Filter none() {
			return new Filter(null, null, null);
		}
	}

	public List<Exercise> search(Filter filter) {

		var where = new ArrayList<String>();
		var params = new ArrayList<Object>();
		if (filter.region() != null && !filter.region().isBlank()) {
			where.add("region = ?");
			params.add(filter.region());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			where.add("? = any (tags)");
			params.add(filter.tag());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			where.add("name ilike ? escape '\\'");
			params.add("%" + filter.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		return jdbc.sql(SELECT + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by name")
				.params(params).query((row, number) -> exercise(row)).list();
	}

	public Optional<Exercise> find(String slug) {
		return jdbc.sql(SELECT + " where slug = ?").param(slug).query((row, number) -> exercise(row)).optional();
	}

	public List<Exercise> all() {
		return search(Filter.none());
	}

	/** The body regions and tags in use, for filters. */
	public List<String> regions() {
		return jdbc.sql("select distinct region from programs.library_exercise order by 1").query(String.class).list();
	}

	public List<String> tags() {
		return jdbc.sql("select distinct unnest(tags) from programs.library_exercise order by 1").query(String.class).list();
	}

	private static final String SELECT = """
			select slug, name, region, position, equipment, kind, sets, reps, duration_seconds, hold_seconds, side,
			       times_per_day, days_per_week, rest_seconds, steps, safety, tags, regression, progression, custom
			from programs.library_exercise""";

	private static Exercise exercise(java.sql.ResultSet row) throws java.sql.SQLException {
		return new Exercise(row.getString("slug"), row.getString("name"), row.getString("region"),
				row.getString("position"), row.getString("equipment"), row.getString("kind"),
				new Dosing(row.getInt("sets"), (Integer) row.getObject("reps"), (Integer) row.getObject("duration_seconds"),
						(Integer) row.getObject("hold_seconds"), Side.valueOf(row.getString("side")),
						row.getInt("times_per_day"), row.getInt("days_per_week"), row.getInt("rest_seconds"), null),
				strings(row, "steps"), strings(row, "safety"), Set.copyOf(strings(row, "tags")), row.getString("regression"),
				row.getString("progression"), row.getBoolean("custom"));
	}

	private static List<String> strings(java.sql.ResultSet row, String column) throws java.sql.SQLException {
		return Arrays.asList((String[]) row.getArray(column).getArray());
	}
}
