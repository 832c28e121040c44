package health.stride.programs.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.programs.ProgramTemplates;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings the shared exercise library in line with the catalogue shipped with this version, in one
 * transaction, and gives every clinic that has none yet the catalogue's templates. Runs at every
 * start, before the demo data; running it again changes nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LibraryLoader implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(LibraryLoader.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final JsonMapper json;
	private final ClinicRegistry clinics;
	private final ProgramTemplates templates;
	private final Clock clock;
	private final JdbcExerciseLibrary library;

	LibraryLoader(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json, ClinicRegistry clinics,
			ProgramTemplates templates, Clock clock, JdbcExerciseLibrary library) {
		this.library = library;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.json = json;
		this.clinics = clinics;
		this.templates = templates;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {

		var catalogue = Catalogue.load(json);
		var now = java.sql.Timestamp.from(clock.instant());

		transaction.executeWithoutResult(status -> {
			for (var exercise : catalogue.exercises()) {
				var dosing = exercise.dosing();
				jdbc.sql("""
						insert into programs.exercise (slug, name, region, position, equipment, kind, sets, reps,
						    duration_seconds, hold_seconds, side, times_per_day, days_per_week, rest_seconds, steps, safety,
						    tags, regression, progression, loaded_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						on conflict (slug) do update set name = excluded.name, region = excluded.region,
						    position = excluded.position, equipment = excluded.equipment, kind = excluded.kind,
						    sets = excluded.sets, reps = excluded.reps, duration_seconds = excluded.duration_seconds,
						    hold_seconds = excluded.hold_seconds, side = excluded.side, times_per_day = excluded.times_per_day,
						    days_per_week = excluded.days_per_week, rest_seconds = excluded.rest_seconds,
						    steps = excluded.steps, safety = excluded.safety, tags = excluded.tags,
						    regression = excluded.regression, progression = excluded.progression,
						    loaded_at = excluded.loaded_at""")
						.params(exercise.slug(), exercise.name(), exercise.region(), exercise.position(),
								exercise.equipment(), exercise.kind(), dosing.sets(), dosing.reps(), dosing.durationSeconds(),
								dosing.holdSeconds(), dosing.side().name(), dosing.timesPerDay(), dosing.daysPerWeek(),
								dosing.restSeconds(), exercise.steps().toArray(String[]::new),
								exercise.safety().toArray(String[]::new), exercise.tags().stream().sorted().toArray(String[]::new),
								exercise.regression(), exercise.progression(), now)
						.update();
			}
		});
		library.sharedLoaded();
		LOG.info("Exercise library: {} exercises loaded", catalogue.exercises().size());

		for (var clinic : clinics.all()) {
			CurrentTenant.runAs(clinic.tenant(), templates::seedDefaults);
		}
	}
}
