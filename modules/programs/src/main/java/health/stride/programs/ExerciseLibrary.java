package health.stride.programs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The exercise library: the exercises every clinic shares, and the current clinic's own, which its
 * therapists and administrators add and edit.
 */
@Service
@Transactional(readOnly = true)
public class ExerciseLibrary {

	/** The values an exercise's fields take, as the library's table allows them. */
	public static final List<String> REGIONS = List.of("low-back", "core", "hips", "legs", "upper-body", "whole-body");
	public static final List<String> POSITIONS = List.of("SUPINE", "PRONE", "QUADRUPED", "SIDE_LYING", "SEATED",
			"STANDING", "KNEELING", "HANGING");
	public static final List<String> EQUIPMENT = List.of("NONE", "MAT", "BALL", "BAR", "STRAPS", "POOL", "BIKE");
	public static final List<String> KINDS = List.of("MOBILITY", "STRETCH", "STRENGTH", "STABILITY", "CARDIO");

	/** The tags tailoring and the library's filters know. */
	public static final List<String> TAGS = List.of("prone", "extension-bias", "flexion-bias", "spinal-load-high",
			"neutral-spine", "flare-safe", "beginner", "balance", "cardio");

	private final JdbcClient jdbc;
	private final Clock clock;
	private final SharedTexts texts;

	ExerciseLibrary(JdbcClient jdbc, Clock clock, SharedTexts texts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.texts = texts;
	}

	/** A clinic's own exercise as its staff describe it; the slug is made from the name. */
	public record NewExercise(String name, String region, String position, String equipment, String kind,
			Dosing dosing, List<String> steps, List<String> safety, Set<String> tags, @Nullable String regression,
			@Nullable String progression) {

		public NewExercise {
			steps = List.copyOf(steps);
			safety = List.copyOf(safety);
			tags = Set.copyOf(tags);
		}
	}

	/** The library has an exercise of that name already (the shared library or the clinic's own). */
	public static final class NameTaken extends RuntimeException {
		NameTaken(String name) {
			super("The library has an exercise called " + name + " already.");
		}
	}

	/**
	 * Adds an exercise of the current clinic's own.
	 *
	 * @throws NameTaken if the library has an exercise of that name
	 * @throws IllegalArgumentException if an easier or harder alternative is not in the library
	 */
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

	/**
	 * Changes one of the current clinic's own exercises; its slug stays, so plans that use it keep it.
	 *
	 * @return false if the clinic has no exercise of its own with that slug
	 * @throws NameTaken if the new name is another exercise's
	 * @throws IllegalArgumentException if an easier or harder alternative is not in the library
	 */
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
		return slug.isEmpty() || slug.equals("new") ? "exercise-" + slug : slug; // "new" is the form's address
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

	/**
	 * The exercises to show a reader: a shared exercise in the reader's language (see
	 * {@link SharedTexts}), found by its name in that language or in English, in the order of the
	 * names the reader sees; the clinic's own as the clinic wrote them.
	 */
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

	/** One exercise in the reader's language: a shared one translated, the clinic's own as written. */
	public Optional<Exercise> find(String slug, java.util.Locale locale) {
		return find(slug).map(it -> texts.localize(it, locale));
	}

	/** Without case or accents, so "puente de gluteos" finds "Puente de glúteos". */
	private static String fold(String text, java.util.Locale locale) {
		return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
				.toLowerCase(locale);
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
