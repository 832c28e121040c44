package health.stride.programs.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
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
	private final TransactionTemplate readOnly;

	/** Immutable between starts: each node reads it once (and again after its loader ran). */
	private volatile @Nullable Map<String, Exercise> shared;
	private final ConcurrentMap<TenantId, CustomExercises> customs = new ConcurrentHashMap<>();

	JdbcExerciseLibrary(JdbcClient jdbc, Clock clock, SharedTexts texts, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.texts = texts;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
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

	/**
	 * From memory: the shared library as this node loaded it at start, then the current clinic's own
	 * exercises as of their counter's version, read again when another transaction (on any node) changed
	 * them. Only the current clinic's copy is ever consulted, and it holds only rows read as that clinic.
	 */
	@Override
	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<Exercise> find(String slug) {
		var exercise = shared().get(slug);
		if (exercise != null) {
			return Optional.of(exercise);
		}
		return CurrentTenant.get().flatMap(clinic -> Optional.ofNullable(custom(clinic).get(slug)));
	}

	/** The shared library as the table holds it: read once, and again when the loader has brought it up to date. */
	private Map<String, Exercise> shared() {
		var loaded = shared;
		if (loaded == null) {
			loaded = readShared();
			shared = loaded;
		}
		return loaded;
	}

	/** After the loader changed the shared library at start (public, so the call reaches the bean, not its proxy). */
	public void sharedLoaded() {
		shared = readShared();
	}

	private Map<String, Exercise> readShared() {
		return readOnly.execute(status -> jdbc.sql(SELECT_SHARED).query((row, number) -> exercise(row)).list().stream()
				.collect(Collectors.toUnmodifiableMap(Exercise::slug, it -> it)));
	}

	/** The clinic's own exercises by slug, as of the version its counter holds now. */
	private Map<String, Exercise> custom(TenantId clinic) {
		// inside a transaction this joins it; the current clinic is the one PostgreSQL's policies apply
		return readOnly.execute(status -> {
			// the version first: a copy read after it is at least that new, so it is never kept too long
			long version = jdbc.sql("select version from programs.custom_exercise_version where tenant_id = ?")
					.param(clinic.value()).query(Long.class).optional().orElse(0L);
			var cached = customs.get(clinic);
			if (cached != null && cached.version() == version) {
				return cached.bySlug();
			}
			var bySlug = jdbc.sql(SELECT_CUSTOM + " where tenant_id = ?").param(clinic.value())
					.query((row, number) -> exercise(row)).list().stream()
					.collect(Collectors.toUnmodifiableMap(Exercise::slug, it -> it));
			customs.merge(clinic, new CustomExercises(version, bySlug),
					(old, read) -> old.version() > read.version() ? old : read);
			return bySlug;
		});
	}

	/** A clinic's own exercises as of a version of its counter. */
	private record CustomExercises(long version, Map<String, Exercise> bySlug) {}

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

	private static final String COLUMNS = """
			slug, name, region, position, equipment, kind, sets, reps, duration_seconds, hold_seconds, side,
			times_per_day, days_per_week, rest_seconds, steps, safety, tags, regression, progression""";

	private static final String SELECT_SHARED = "select " + COLUMNS + ", false as custom from programs.exercise";

	private static final String SELECT_CUSTOM = "select " + COLUMNS + ", true as custom from programs.custom_exercise";

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
