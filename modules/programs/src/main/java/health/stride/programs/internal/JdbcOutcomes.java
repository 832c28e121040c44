package health.stride.programs.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.platform.validation.FieldErrors;
import health.stride.patients.Episode;
import health.stride.patients.Episodes;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.programs.Outcomes;
import health.stride.programs.Plans;
import tools.jackson.databind.json.JsonMapper;

/** A patient's and the clinic's outcomes, from the sessions, walks and ratings stored. */
@Service
@Transactional(readOnly = true)
class JdbcOutcomes implements Outcomes {

	private final JdbcClient jdbc;
	private final Plans plans;
	private final PatientDirectory directory;
	private final Episodes episodes;
	private final Intakes intakes;
	private final AuditTrail audit;
	private final JsonMapper json;
	private final Clock clock;

	JdbcOutcomes(JdbcClient jdbc, Plans plans, Intakes intakes, PatientDirectory directory, Episodes episodes,
			AuditTrail audit, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.episodes = episodes;
		this.directory = directory;
		this.plans = plans;
		this.intakes = intakes;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	record Logged(Instant at, int painBefore, boolean flare, int walkingMinutes) {}

	@Override
	public PatientOutcomes of(PatientId patient, ZoneId zone) {

		var today = LocalDate.now(clock.withZone(zone));
		record Baseline(@Nullable Integer pain, @Nullable Instant at) {}
		var baseline = jdbc.sql("select intake_pain, intake_completed_at from programs.tailoring_facts where patient_id = ?")
				.param(patient.id())
				.query((row, number) -> new Baseline((Integer) row.getObject(1),
						row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant()))
				.optional().orElse(new Baseline(null, null));
		var intakePain = baseline.pain();
		var intakeAt = baseline.at();

		var sessions = jdbc.sql("""
				select performed_at, pain_before, flare, coalesce(walking_minutes, 0) from programs.session
				where patient_id = ? order by performed_at""")
				.param(patient.id())
				.query((row, number) -> new Logged(row.getTimestamp(1).toInstant(), row.getInt(2), row.getBoolean(3),
						row.getInt(4)))
				.list();
		var walks = jdbc.sql("select walked_at, minutes, flare from programs.walk where patient_id = ?").param(patient.id())
				.query((row, number) -> new Logged(row.getTimestamp(1).toInstant(), -1, row.getBoolean(3), row.getInt(2)))
				.list();

		var pain = new ArrayList<PainPoint>();
		if (intakePain != null && intakeAt != null) {
			pain.add(new PainPoint(intakeAt.atZone(zone).toLocalDate(), intakePain));
		}
		sessions.forEach(it -> pain.add(new PainPoint(it.at().atZone(zone).toLocalDate(), it.painBefore())));
		var current = currentPain(sessions);
		var responder = intakePain != null && current != null && intakePain - current >= MCID;

		var planned = plans.of(patient).map(plan -> plan.phase().exercises().stream()
				.mapToInt(it -> it.dosing().daysPerWeek()).max().orElse(0)).orElse(0);
		var weeks = new ArrayList<Week>();
		var thisWeek = today.minusDays(today.getDayOfWeek().getValue() - 1L);
		for (int back = 3; back >= 0; back--) {
			var starts = thisWeek.minusWeeks(back);
			var ends = starts.plusWeeks(1);
			var inWeek = sessions.stream().filter(it -> within(it.at(), zone, starts, ends)).toList();
			var walked = inWeek.stream().mapToInt(Logged::walkingMinutes).sum() + walks.stream()
					.filter(it -> within(it.at(), zone, starts, ends)).mapToInt(Logged::walkingMinutes).sum();
			weeks.add(new Week(starts, inWeek.size(), planned, walked));
		}

		var active = new HashSet<LocalDate>();
		sessions.forEach(it -> active.add(it.at().atZone(zone).toLocalDate()));
		walks.forEach(it -> active.add(it.at().atZone(zone).toLocalDate()));
		var streak = 0;
		var day = active.contains(today) ? today : today.minusDays(1);
		while (active.contains(day)) {
			streak++;
			day = day.minusDays(1);
		}

		var lastFlare = java.util.stream.Stream.concat(sessions.stream(), walks.stream()).filter(Logged::flare)
				.map(Logged::at).max(Comparator.naturalOrder());
		var since = lastFlare.map(at -> (int) ChronoUnit.DAYS.between(at.atZone(zone).toLocalDate(), today))
				.orElse(null);

		var psfs = psfsTrend(patient, zone);
		var lastRated = lastPsfs(patient).orElse(intakeAt);
		var psfsDue = lastRated != null && !clock.instant().isBefore(lastRated.plus(PSFS_EVERY));

		return new PatientOutcomes(intakePain, current, responder, pain, weeks, psfs, psfsDue, streak, since,
				sessions.size());
	}

	/** The pain now: the mean of the last three sessions' pain before, to one decimal. */
	static @Nullable Double currentPain(List<Logged> sessions) {
		if (sessions.isEmpty()) {
			return null;
		}
		var last = sessions.subList(Math.max(0, sessions.size() - 3), sessions.size());
		var mean = last.stream().mapToInt(Logged::painBefore).average().orElseThrow();
		return BigDecimal.valueOf(mean).setScale(1, RoundingMode.HALF_UP).doubleValue();
	}

	private static boolean within(Instant at, ZoneId zone, LocalDate from, LocalDate until) {
		var day = at.atZone(zone).toLocalDate();
		return !day.isBefore(from) && day.isBefore(until);
	}

	@Override
	public List<String> psfsActivities(PatientId patient) {
		return intakes.draft(patient).psfs().stream().map(PsfsItem::activity).toList();
	}

	private List<PsfsPoint> psfsTrend(PatientId patient, ZoneId zone) {
		var points = new ArrayList<PsfsPoint>();
		var draft = intakes.draft(patient);
		if (draft.completedAt() != null && !draft.psfs().isEmpty()) {
			points.add(new PsfsPoint(draft.completedAt().atZone(zone).toLocalDate(),
					draft.psfs().stream().mapToInt(PsfsItem::score).average().orElseThrow()));
		}
		jdbc.sql("select assessed_at, mean from programs.psfs_assessment where patient_id = ? order by assessed_at")
				.param(patient.id())
				.query((row, number) -> new PsfsPoint(row.getTimestamp(1).toInstant().atZone(zone).toLocalDate(),
						row.getDouble(2)))
				.list().forEach(points::add);
		return points;
	}

	private Optional<Instant> lastPsfs(PatientId patient) {
		return jdbc.sql("select max(assessed_at) from programs.psfs_assessment where patient_id = ?").param(patient.id())
				.query((row, number) -> row.getTimestamp(1) == null ? null : row.getTimestamp(1).toInstant()).optional();
	}

	@Override
	@Transactional
	public double ratePsfs(PatientId patient, List<@Nullable Integer> scores) {
		directory.requireOpenPortal(patient);
		var activities = psfsActivities(patient);
		var errors = new FieldErrors();
		if (activities.isEmpty()) {
			errors.reject("scores", "programs.psfs.error.no-activities");
		}
		var items = new ArrayList<PsfsItem>();
		for (int i = 0; i < activities.size(); i++) {
			var score = i < scores.size() ? scores.get(i) : null;
			if (score == null || score < 0 || score > 10) {
				errors.reject("scores[" + i + "]", "programs.psfs.error.score", activities.get(i), 0, 10);
			} else {
				items.add(new PsfsItem(activities.get(i), score));
			}
		}
		errors.throwIfAny();
		var mean = items.stream().mapToInt(PsfsItem::score).average().orElseThrow();
		jdbc.sql("""
				insert into programs.psfs_assessment (patient_id, id, assessed_at, items, mean)
				values (?, ?, ?, ?::jsonb, ?)""")
				.params(patient.id(), UUID.randomUUID(), java.sql.Timestamp.from(clock.instant()),
						json.writeValueAsString(items), BigDecimal.valueOf(mean).setScale(2, RoundingMode.HALF_UP))
				.update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "psfs");
		return mean;
	}

	@Override
	public ClinicOutcomes clinic() {

		record Baseline(UUID patient, int pain, Instant at) {}
		record Pain(UUID patient, Instant at, int pain) {}

		var baselines = jdbc.sql("""
				select patient_id, intake_pain, intake_completed_at from programs.tailoring_facts
				where intake_pain is not null and intake_completed_at is not null""")
				.query((row, number) -> new Baseline(row.getObject(1, UUID.class), row.getInt(2),
						row.getTimestamp(3).toInstant()))
				.list();
		var pains = jdbc.sql("select patient_id, performed_at, pain_before from programs.session order by performed_at")
				.query((row, number) -> new Pain(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant(), row.getInt(3)))
				.list().stream().collect(java.util.stream.Collectors.groupingBy(Pain::patient));

		// the responder rate counts episodes of care: a patient treated twice counts twice
		var withSessions = 0;
		var responders = 0;
		for (var patient : patientsWithSessions()) {
			for (var episode : byEpisode(patient)) {
				if (episode.hasBaseline()) {
					withSessions++;
					responders += episode.responder() ? 1 : 0;
				}
			}
		}
		var changes = List.of(new ArrayList<Double>(), new ArrayList<Double>(), new ArrayList<Double>());
		for (var baseline : baselines) {
			var own = pains.getOrDefault(baseline.patient(), List.of());
			if (own.isEmpty()) {
				continue;
			}
			for (int k = 0; k < 3; k++) {
				var weeks = (k + 1) * 4;
				var until = baseline.at().plus(Duration.ofDays(7L * weeks));
				if (until.isAfter(clock.instant())) {
					continue; // the patient is not that far in yet
				}
				var from = until.minus(Duration.ofDays(14));
				var around = own.stream().filter(it -> !it.at().isBefore(from) && it.at().isBefore(until))
						.mapToInt(Pain::pain).average();
				if (around.isPresent()) {
					changes.get(k).add(baseline.pain() - around.getAsDouble());
				}
			}
		}

		var fourWeeksAgo = clock.instant().minus(Duration.ofDays(28));
		var planned = jdbc.sql("""
				select p.patient_id, (select max((e -> 'dosing' ->> 'daysPerWeek')::int)
				                      from jsonb_array_elements(p.phases -> p.current_phase -> 'exercises') e),
				       (select count(*) from programs.session s where s.patient_id = p.patient_id and s.performed_at >= ?)
				from programs.plan p where p.ended_at is null""")
				.param(java.sql.Timestamp.from(fourWeeksAgo))
				.query((row, number) -> row.getInt(2) == 0 ? null : Math.min(1.0, row.getLong(3) / (4.0 * row.getInt(2))))
				.list().stream().filter(java.util.Objects::nonNull).map(it -> (Double) it).toList();

		return new ClinicOutcomes(withSessions, responders,
				withSessions < SMALLEST_GROUP ? null : (double) responders / withSessions,
				median(changes.get(0)), median(changes.get(1)), median(changes.get(2)), changes.get(0).size(),
				changes.get(1).size(), changes.get(2).size(), median(planned), planned.size());
	}

	@Override
	public List<EpisodeOutcomes> byEpisode(PatientId patient) {
		return episodes.episodes(patient).stream().map(it -> kept(patient, it.number()).orElseGet(() -> compute(it)))
				.toList();
	}

	@Override
	public Optional<EpisodeOutcomes> ofEpisode(PatientId patient, int number) {
		return episodes.episode(patient, number).map(it -> kept(patient, number).orElseGet(() -> compute(it)));
	}

	/**
	 * Keeps the outcomes of an episode that ended, as they stand now: for the discharge listener only.
	 * The first keeping wins, so a late or repeated event changes nothing.
	 */
	@Transactional
	void keep(PatientId patient, int number) {
		var episode = episodes.episode(patient, number).filter(it -> !it.isOpen());
		if (episode.isEmpty() || kept(patient, number).isPresent()) {
			return;
		}
		var outcomes = compute(episode.get());
		jdbc.sql("""
				insert into programs.episode_outcome (patient_id, episode, opened_at, closed_at, first_pain, last_pain,
				    first_psfs, last_psfs, responder, sessions_done, sessions_planned)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, patient_id, episode) do nothing""")
				.params(patient.id(), number, java.sql.Timestamp.from(outcomes.openedAt()),
						java.sql.Timestamp.from(java.util.Objects.requireNonNull(outcomes.closedAt())),
						decimal(outcomes.firstPain()), decimal(outcomes.lastPain()), decimal(outcomes.firstPsfs()),
						decimal(outcomes.lastPsfs()), outcomes.responder(), outcomes.sessionsDone(),
						outcomes.sessionsPlanned())
				.update();
	}

	private Optional<EpisodeOutcomes> kept(PatientId patient, int number) {
		return jdbc.sql("""
				select episode, opened_at, closed_at, first_pain, last_pain, first_psfs, last_psfs, responder,
				       sessions_done, sessions_planned
				from programs.episode_outcome where patient_id = ? and episode = ?""")
				.params(patient.id(), number)
				.query((row, n) -> new EpisodeOutcomes(row.getInt(1), row.getTimestamp(2).toInstant(),
						row.getTimestamp(3).toInstant(), number(row.getBigDecimal(4)), number(row.getBigDecimal(5)),
						number(row.getBigDecimal(6)), number(row.getBigDecimal(7)), row.getBoolean(8), row.getInt(9),
						row.getInt(10)))
				.optional();
	}

	/** The episode's outcomes from what was logged within its window (until now while it is open). */
	private EpisodeOutcomes compute(Episode episode) {

		var patient = episode.patient();
		// the first episode holds everything logged before it ended, also what predates episodes
		var start = episode.number() == 1 ? Instant.EPOCH : episode.openedAt();
		var from = java.sql.Timestamp.from(start);
		var until = java.sql.Timestamp.from(episode.closedAt() == null ? clock.instant() : episode.closedAt());

		var intakePain = jdbc.sql("""
				select intake_pain from programs.tailoring_facts
				where patient_id = ? and intake_pain is not null and intake_completed_at between ? and ?""")
				.params(patient.id(), from, until).query(Integer.class).optional();
		var sessions = jdbc.sql("""
				select performed_at, pain_before from programs.session
				where patient_id = ? and performed_at between ? and ? order by performed_at""")
				.params(patient.id(), from, until)
				.query((row, n) -> new Logged(row.getTimestamp(1).toInstant(), row.getInt(2), false, 0)).list();

		var firstPain = intakePain.map(Integer::doubleValue).orElse(null);
		var lastPain = currentPain(sessions);
		var responder = firstPain != null && lastPain != null && firstPain - lastPain >= MCID;

		var psfs = new ArrayList<Double>();
		var draft = intakes.draft(patient);
		var intakeAt = draft.completedAt();
		if (intakeAt != null && !intakeAt.isBefore(start) && !intakeAt.isAfter(until.toInstant())
				&& !draft.psfs().isEmpty()) {
			psfs.add(draft.psfs().stream().mapToInt(PsfsItem::score).average().orElseThrow());
		}
		psfs.addAll(jdbc.sql("""
				select mean from programs.psfs_assessment where patient_id = ? and assessed_at between ? and ?
				order by assessed_at""")
				.params(patient.id(), from, until).query(Double.class).list());

		record InForce(Instant since, int daysPerWeek) {}
		var plan = jdbc.sql("""
				select (select min(changed_at) from programs.plan_version
				        where patient_id = v.patient_id and changed_at between ? and ?),
				       coalesce((select max((e -> 'dosing' ->> 'daysPerWeek')::int)
				                 from jsonb_array_elements(v.phases) phase, jsonb_array_elements(phase -> 'exercises') e), 0)
				from programs.plan_version v
				where patient_id = ? and changed_at between ? and ? order by version desc limit 1""")
				.params(from, until, patient.id(), from, until)
				.query((row, n) -> new InForce(row.getTimestamp(1).toInstant(), row.getInt(2))).optional();
		var planned = plan.map(it -> {
			var days = Duration.between(it.since(), until.toInstant()).toDays() + 1;
			return (int) (it.daysPerWeek() * Math.max(1, (days + 6) / 7));
		}).orElse(0);

		return new EpisodeOutcomes(episode.number(), episode.openedAt(), episode.closedAt(), firstPain, lastPain,
				psfs.isEmpty() ? null : round(psfs.get(0)), psfs.size() < 2 ? null : round(psfs.get(psfs.size() - 1)),
				responder, sessions.size(), planned);
	}

	private List<PatientId> patientsWithSessions() {
		return jdbc.sql("select distinct patient_id from programs.session").query(UUID.class).list().stream()
				.map(PatientId::new).toList();
	}

	private static double round(double value) {
		return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
	}

	private static @Nullable BigDecimal decimal(@Nullable Double value) {
		return value == null ? null : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
	}

	private static @Nullable Double number(@Nullable BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}

	/** The median, or none for fewer values than the smallest group shown. */
	static @Nullable Double median(List<Double> values) {
		if (values.size() < SMALLEST_GROUP) {
			return null;
		}
		var sorted = values.stream().sorted().toList();
		var middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}
}
