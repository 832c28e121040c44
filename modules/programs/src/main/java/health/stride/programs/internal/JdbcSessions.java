package health.stride.programs.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.TimeWindow;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.database.TimeOrderedQueries;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.FieldErrors;
import health.stride.programs.Effort;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.ExerciseSession;
import health.stride.programs.ExerciseSessionLogged;
import health.stride.programs.PainFlareReported;
import health.stride.programs.Plans;
import health.stride.programs.Sessions;
import health.stride.programs.SkipReason;
import health.stride.programs.SymptomShift;

/** The exercise sessions patients log, over the session tables. */
@Service
@Transactional(readOnly = true)
class JdbcSessions implements Sessions {

	/** How far back a session may be logged, and how far ahead of the server's clock a device may be. */
	static final Duration LATEST_BACKLOG = Duration.ofDays(14);
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private final JdbcClient jdbc;
	private final Plans plans;
	private final PatientDirectory directory;
	private final ExerciseLibrary library;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;
	private final JdbcTemplate batch;

	JdbcSessions(JdbcClient jdbc, JdbcTemplate batch, Plans plans, PatientDirectory directory, ExerciseLibrary library,
			ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.directory = directory;
		this.plans = plans;
		this.library = library;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Logged log(PatientId patient, Input input) {

		if (directory.find(patient).isPresent()) { // of another clinic: no plan, as for anyone unknown
			directory.requireOpenPortal(patient);
		}
		var session = check(patient, input);
		var plan = plans.of(patient).orElseThrow(NoPlan::new);
		var key = java.util.Objects.requireNonNull(input.idempotencyKey());

		// the session and its audit entry in one statement, stored unless the key was used or a red flag holds
		// the patient's exercise: the common case takes one round trip, a retry or a hold a look more
		var stored = audit.changeAndRecord("""
				insert into programs.session (patient_id, id, idempotency_key, performed_at, recorded_at,
				    plan_version, pain_before, pain_after, symptom_shift, effort, walking_minutes, flare)
				select ?::uuid, ?::uuid, ?::text, ?::timestamptz, ?::timestamptz, ?::bigint, ?::integer, ?::integer, ?::text,
				    ?::text, ?::integer, ?::boolean
				where not exists (select 1 from programs.hold where patient_id = ?::uuid)
				on conflict (tenant_id, patient_id, idempotency_key) do nothing
				returning id""",
				java.util.Arrays.asList(patient.id(), session.id(), key, java.sql.Timestamp.from(session.performedAt()),
						java.sql.Timestamp.from(clock.instant()), plan.version(), session.painBefore(), session.painAfter(),
						session.symptomShift().name(), session.effort() == null ? null : session.effort().name(),
						session.walkingMinutes(), session.flare(), patient.id()),
				AuditAction.WRITE, patient.id(), "session");
		if (stored == 0) { // an earlier or concurrent call with the same key stored it first, or the exercise is on hold
			var existing = find(patient, key);
			if (existing.isPresent()) {
				return new Logged(existing.get(), false);
			}
			throw new OnHold();
		}
		// every exercise in one batch: one round trip, whatever their number
		var exercises = session.exercises();
		if (!exercises.isEmpty()) {
			batch.batchUpdate("""
					insert into programs.session_exercise (session_id, position, exercise_slug, sets_done,
					    reps_done, skipped, skip_reason)
					values (?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {

				@Override
				public void setValues(PreparedStatement row, int i) throws SQLException {
					var done = exercises.get(i);
					row.setObject(1, session.id());
					row.setInt(2, i);
					row.setString(3, done.slug());
					row.setInt(4, done.setsDone());
					row.setObject(5, done.repsDone(), Types.INTEGER);
					row.setBoolean(6, done.skipped() != null);
					row.setObject(7, done.skipped() == null ? null : done.skipped().name(), Types.VARCHAR);
				}

				@Override
				public int getBatchSize() {
					return exercises.size();
				}
			});
		}

		var tenant = CurrentTenant.require();
		events.publishEvent(new ExerciseSessionLogged(tenant, patient, session.id(), session.performedAt()));
		if (session.flare()) {
			events.publishEvent(new PainFlareReported(tenant, patient, session.id(), session.performedAt()));
		}
		return new Logged(session, true);
	}

	/** Checks every field, collecting all problems before refusing. */
	private ExerciseSession check(PatientId patient, Input input) {

		var errors = new FieldErrors();
		var key = input.idempotencyKey();
		if (key == null || key.length() < 8 || key.length() > 100) {
			errors.reject("idempotencyKey", "programs.session.error.idempotency-key");
		}
		var now = clock.instant();
		Instant performedAt = now;
		if (input.performedAt() != null) {
			try {
				performedAt = OffsetDateTime.parse(input.performedAt()).toInstant();
				if (performedAt.isAfter(now.plus(CLOCK_SKEW))) {
					errors.reject("performedAt", "programs.session.error.performed-at-future");
				} else if (performedAt.isBefore(now.minus(LATEST_BACKLOG))) {
					errors.reject("performedAt", "programs.session.error.performed-at-too-old", LATEST_BACKLOG.toDays());
				}
			} catch (DateTimeParseException notADate) {
				errors.reject("performedAt", "programs.session.error.performed-at-format");
			}
		}
		pain(input.painBefore(), "painBefore", errors);
		pain(input.painAfter(), "painAfter", errors);
		var shift = EnumNames.named(SymptomShift.class, input.symptomShift());
		if (shift == null) {
			errors.reject("symptomShift", "programs.session.error.symptom-shift");
		}
		Effort effort = null;
		if (input.effort() != null && !input.effort().isBlank()) {
			effort = EnumNames.named(Effort.class, input.effort());
			if (effort == null) {
				errors.reject("effort", "programs.session.error.effort");
			}
		}
		var walking = input.walkingMinutes();
		if (walking != null && (walking < 1 || walking > 600)) {
			errors.reject("walkingMinutes", "programs.session.error.walking-minutes", 1, 600);
		}

		var exercises = new ArrayList<ExerciseSession.Done>();
		var given = input.exercises() == null ? List.<ExerciseInput>of() : input.exercises();
		if (given.isEmpty() && walking == null) {
			errors.reject("exercises", "programs.session.error.nothing-done");
		}
		if (given.size() > 50) {
			errors.reject("exercises", "programs.session.error.too-many-exercises", 50);
		}
		for (int i = 0; i < given.size() && i < 50; i++) {
			var line = given.get(i);
			var field = "exercises[" + i + "]";
			if (line == null) {
				errors.reject(field, "programs.session.error.exercise-missing");
				continue;
			}
			if (line.exerciseSlug() == null || library.find(line.exerciseSlug()).isEmpty()) {
				errors.reject(field + ".exerciseSlug", "programs.session.error.exercise-unknown", String.valueOf(line.exerciseSlug()));
				continue;
			}
			var skipped = Boolean.TRUE.equals(line.skipped());
			var reason = EnumNames.named(SkipReason.class, line.skipReason());
			if (reason == null && (skipped || (line.skipReason() != null && !line.skipReason().isBlank()))) {
				errors.reject(field + ".skipReason", "programs.session.error.skip-reason");
			}
			var sets = line.setsDone() == null ? 0 : line.setsDone();
			if (sets < 0 || sets > 10) {
				errors.reject(field + ".setsDone", "programs.session.error.sets-done", 0, 10);
			}
			if (line.repsDone() != null && (line.repsDone() < 0 || line.repsDone() > 100)) {
				errors.reject(field + ".repsDone", "programs.session.error.reps-done", 0, 100);
			}
			if (!skipped && sets == 0) {
				errors.reject(field + ".setsDone", "programs.session.error.sets-missing");
			}
			exercises.add(new ExerciseSession.Done(line.exerciseSlug(), skipped ? 0 : sets, skipped ? null : line.repsDone(),
					skipped ? reason : null));
		}
		errors.throwIfAny();
		var before = java.util.Objects.requireNonNull(input.painBefore());
		var after = java.util.Objects.requireNonNull(input.painAfter());
		var symptoms = java.util.Objects.requireNonNull(shift);
		return new ExerciseSession(UUID.randomUUID(), patient, performedAt, before, after, symptoms, effort, walking,
				ExerciseSession.isFlare(before, after, symptoms), exercises);
	}

	private static void pain(@Nullable Integer pain, String field, FieldErrors errors) {
		if (pain == null || pain < 0 || pain > 10) {
			errors.reject(field, "programs.session.error.pain");
		}
	}

	@Override
	public List<ExerciseSession> of(PatientId patient, int page, int size) {
		var sessions = jdbc.sql(SELECT + " where patient_id = ? order by performed_at desc, id limit ? offset ?")
				.params(patient.id(), size, (long) page * size)
				.query((row, number) -> session(row, patient)).list();
		return withExercises(sessions);
	}

	@Override
	public List<TimelineEntry> timeline(PatientId patient, int page, int size) {
		// the columns of the index session_timeline, in its order: read from the index alone
		return jdbc.sql("""
				select id, performed_at, pain_before, pain_after, symptom_shift from programs.session
				where patient_id = ? order by performed_at desc, id limit ? offset ?""")
				.params(patient.id(), size, (long) page * size)
				.query((row, number) -> new TimelineEntry(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant(),
						row.getInt(3), row.getInt(4), SymptomShift.valueOf(row.getString(5))))
				.list();
	}

	@Override
	public List<Measures> measuresInOrder(TimeWindow window, boolean walkedOnly) {
		if (window.limit() == 0) {
			return List.of();
		}
		return TimeOrderedQueries.query(jdbc, window.query(), MEASURES, "programs.session", "performed_at", "id",
				walkedOnly ? "walking_minutes is not null" : "true")
				.query((row, number) -> measures(row)).list();
	}

	@Override
	public Optional<Measures> measures(UUID session) {
		return jdbc.sql("select " + MEASURES + " from programs.session where id = ?").param(session)
				.query((row, number) -> measures(row)).optional();
	}

	private static final String MEASURES = "patient_id, id, performed_at, pain_before, pain_after, walking_minutes";

	private static Measures measures(java.sql.ResultSet row) throws java.sql.SQLException {
		return new Measures(row.getObject("id", UUID.class), new PatientId(row.getObject("patient_id", UUID.class)),
				row.getTimestamp("performed_at").toInstant(), row.getInt("pain_before"), row.getInt("pain_after"),
				(Integer) row.getObject("walking_minutes"));
	}

	@Override
	public Optional<ExerciseSession> latest(PatientId patient) {
		return jdbc.sql(SELECT + " where patient_id = ? order by performed_at desc, id limit 1").param(patient.id())
				.query((row, number) -> session(row, patient)).optional().map(it -> withExercises(List.of(it)).get(0));
	}

	@Override
	public long count(PatientId patient) {
		return jdbc.sql("select count(*) from programs.session where patient_id = ?").param(patient.id())
				.query(Long.class).single();
	}

	@Override
	public int countSince(PatientId patient, Instant from) {
		return jdbc.sql("select count(*) from programs.session where patient_id = ? and performed_at >= ?")
				.params(patient.id(), java.sql.Timestamp.from(from)).query(Integer.class).single();
	}

	@Override
	public boolean doneOn(PatientId patient, LocalDate day, ZoneId zone) {
		// the day's bounds in the zone: 23 or 25 hours long on the days the clocks change
		return jdbc.sql("""
				select exists (select 1 from programs.session
				               where patient_id = ? and performed_at >= ? and performed_at < ?)""")
				.params(patient.id(), java.sql.Timestamp.from(day.atStartOfDay(zone).toInstant()),
						java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
				.query(Boolean.class).single();
	}

	private Optional<ExerciseSession> find(PatientId patient, String key) {
		return jdbc.sql(SELECT + " where patient_id = ? and idempotency_key = ?").params(patient.id(), key)
				.query((row, number) -> session(row, patient)).optional().map(it -> withExercises(List.of(it)).get(0));
	}

	private static final String SELECT = """
			select id, performed_at, pain_before, pain_after, symptom_shift, effort, walking_minutes, flare
			from programs.session""";

	private static ExerciseSession session(java.sql.ResultSet row, PatientId patient) throws java.sql.SQLException {
		return new ExerciseSession(row.getObject("id", UUID.class), patient, row.getTimestamp("performed_at").toInstant(),
				row.getInt("pain_before"), row.getInt("pain_after"), SymptomShift.valueOf(row.getString("symptom_shift")),
				row.getString("effort") == null ? null : Effort.valueOf(row.getString("effort")),
				(Integer) row.getObject("walking_minutes"), row.getBoolean("flare"), List.of());
	}

	private List<ExerciseSession> withExercises(List<ExerciseSession> sessions) {
		if (sessions.isEmpty()) {
			return sessions;
		}
		var ids = sessions.stream().map(it -> it.id().toString()).toArray(String[]::new);
		record Line(UUID session, ExerciseSession.Done done) {}
		var done = jdbc.sql("""
				select session_id, exercise_slug, sets_done, reps_done, skip_reason from programs.session_exercise
				where session_id = any (?::uuid[]) order by session_id, position""")
				.param(ids)
				.query((row, number) -> new Line(row.getObject(1, UUID.class), new ExerciseSession.Done(row.getString(2),
						row.getInt(3), (Integer) row.getObject(4),
						row.getString(5) == null ? null : SkipReason.valueOf(row.getString(5)))))
				.list().stream()
				.collect(java.util.stream.Collectors.groupingBy(Line::session,
						java.util.stream.Collectors.mapping(Line::done, java.util.stream.Collectors.toList())));
		return sessions.stream().map(it -> new ExerciseSession(it.id(), it.patient(), it.performedAt(), it.painBefore(),
				it.painAfter(), it.symptomShift(), it.effort(), it.walkingMinutes(), it.flare(),
				done.getOrDefault(it.id(), List.of()))).toList();
	}
}
