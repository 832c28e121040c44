package health.stride.programs.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.SharedTexts;
import health.stride.programs.Side;

/** The exercise library over the shared and the clinic's own exercises' tables. */
@Service
@Transactional(readOnly = true)
class JdbcExerciseLibrary implements ExerciseLibrary {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final SharedTexts texts;

	JdbcExerciseLibrary(JdbcClient jdbc, Clock clock, SharedTexts texts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.texts = texts;
	}

	@Override
	@Transactional
	public Exercise addCustom(NewExercise exercise, String createdBy) {
		var slug = slug(exercise.name());
		if (find(slug).isPresent() || named(exercise.name(), slug)) {
			throw new NameTaken(exercise.name());
		}
		checkAlternatives(exercise, slug);
		var now = java.sql.Timestamp.from(clock.instant());
		var dosing = exercise.dosing();
		jdbc.sql("""
				insert into programs.custom_exercise (slug, name, region, position, equipment, kind, sets, reps,
				    duration_seconds, hold_seconds, side, times_per_day, days_per_week, rest_seconds, steps, safety, tags,
				    regression, progression, created_by, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				    ?, ?, ?)""")
				.params(slug, exercise.name(), exercise.region(), exercise.position(), exercise.equipment(),
						exercise.kind(), dosing.sets(), dosing.reps(), dosing.durationSeconds(), dosing.holdSeconds(),
						dosing.side().name(), dosing.timesPerDay(), dosing.daysPerWeek(), dosing.restSeconds(),
						exercise.steps().toArray(String[]::new), exercise.safety().toArray(String[]::new),
						exercise.tags().stream().sorted().toArray(String[]::new), exercise.regression(),
						exercise.progression(), createdBy, now, now)
				.update();
		return find(slug).orElseThrow();
	}

	@Override
	@Transactional
	public boolean updateCustom(String slug, NewExercise exercise) {
		if (find(slug).filter(Exercise::custom).isEmpty()) {
			return false;
		}
		var taken = find(slug(exercise.name())).filter(it -> !it.slug().equals(slug));
		if (taken.isPresent() || named(exercise.name(), slug)) {
			throw new NameTaken(exercise.name());
		}
		checkAlternatives(exercise, slug);
		var dosing = exercise.dosing();
		return jdbc.sql("""
				update programs.custom_exercise
				set name = ?, region = ?, position = ?, equipment = ?, kind = ?, sets = ?, reps = ?, duration_seconds = ?,
				    hold_seconds = ?, side = ?, times_per_day = ?, days_per_week = ?, rest_seconds = ?, steps = ?,
				    safety = ?, tags = ?, regression = ?, progression = ?, updated_at = ?
				where slug = ?""")
				.params(exercise.name(), exercise.region(), exercise.position(), exercise.equipment(), exercise.kind(),
						dosing.sets(), dosing.reps(), dosing.durationSeconds(), dosing.holdSeconds(), dosing.side().name(),
						dosing.timesPerDay(), dosing.daysPerWeek(), dosing.restSeconds(),
						exercise.steps().toArray(String[]::new), exercise.safety().toArray(String[]::new),
						exercise.tags().stream().sorted().toArray(String[]::new), exercise.regression(),
						exercise.progression(), java.sql.Timestamp.from(clock.instant()), slug)
				.update() == 1;
	}

	private boolean named(String name, String except) {
		return jdbc.sql("select count(*) from programs.library_exercise where lower(name) = lower(?) and slug <> ?")
				.params(name.strip(), except).query(Long.class).single() > 0;
	}

	private void checkAlternatives(NewExercise exercise, String slug) {
		for (var alternative : java.util.Arrays.asList(exercise.regression(), exercise.progression())) {
			if (alternative != null && (alternative.equals(slug) || find(alternative).isEmpty())) {
				throw new IllegalArgumentException("Choose easier and harder alternatives from the library.");
			}
		}
	}

	/** "Towel Slide (Seated)" becomes "towel-slide-seated". */
	static String slug(String name) {
		var slug = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).toLowerCase(java.util.Locale.ROOT)
				.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		return slug.isEmpty() || slug.equals("new") || slug.equals("lessons") ? "exercise-" + slug : slug; // addresses of pages
	}

	@Override
	public List<Exercise> search(Filter filter) {

		var where = new ArrayList<String>();
		var params = new ArrayList<Object>();
		if (filter.region() != null && !filter.region().isBlank()) {
			where.add("region = ?");
			params.add(filter.region());
		}
		if (Exercise.PRONE.equals(filter.tag())) {
			where.add("position = 'PRONE'"); // the tag follows the position, also for rows stored before it did
		} else if (filter.tag() != null && !filter.tag().isBlank()) {
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

	@Override
	public List<Exercise> search(Filter filter, java.util.Locale locale) {
		var text = filter.text() == null ? "" : fold(filter.text().strip(), locale);
		var collator = java.text.Collator.getInstance(locale);
		collator.setStrength(java.text.Collator.PRIMARY);
		return search(new Filter(filter.region(), filter.tag(), null)).stream()
				.filter(it -> text.isEmpty() || fold(it.name(), locale).contains(text)
						|| fold(texts.localize(it, locale).name(), locale).contains(text))
				.map(it -> texts.localize(it, locale))
				.sorted(java.util.Comparator.comparing(Exercise::name, collator))
				.toList();
	}

	@Override
	public Optional<Exercise> find(String slug, java.util.Locale locale) {
		return find(slug).map(it -> texts.localize(it, locale));
	}

	/** Without case or accents, so "puente de gluteos" finds "Puente de glúteos". */
	private static String fold(String text, java.util.Locale locale) {
		return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
				.toLowerCase(locale);
	}

	@Override
	public Optional<Exercise> find(String slug) {
		return jdbc.sql(SELECT + " where slug = ?").param(slug).query((row, number) -> exercise(row)).optional();
	}

	@Override
	public List<Exercise> all() {
		return search(Filter.none());
	}

	@Override
	public List<String> regions() {
		return jdbc.sql("select distinct region from programs.library_exercise order by 1").query(String.class).list();
	}

	@Override
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
