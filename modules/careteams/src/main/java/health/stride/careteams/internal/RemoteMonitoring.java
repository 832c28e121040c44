package health.stride.careteams.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.Episode;
import health.stride.patients.Episodes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.FieldErrors;
import health.stride.programs.Plans;
import health.stride.programs.ReportedDays;
import health.stride.visits.VisitId;

/**
 * Remote therapeutic monitoring: per patient and 30-day period ({@link MonitoringPeriod}) the days
 * with data the patient reported (read from the programs module), the therapist's treatment-management
 * minutes (kept here) and the day of the set-up and education, counted against the codes of the RTM
 * family ({@link MonitoringCounts}). Days are days of the clinic's calendar. Only the therapist of
 * record records time and confirms the set-up; the care team and the clinic's administrators read
 * the counts. Counting only: the clinic decides what it bills.
 */
@Service
@Transactional(readOnly = true)
public class RemoteMonitoring {

	/** The kinds of treatment-management work that count. */
	public enum Activity {
		CHART_REVIEW, MESSAGE, CALL, VISIT
	}

	/** The most minutes one entered entry holds. */
	public static final int MAX_ENTERED_MINUTES = 120;

	/** How far back time may be entered, in days. */
	public static final int OLDEST_ENTRY_DAYS = 90;

	/** How often an open chart tells that it is still on screen; each beat counts one minute. */
	public static final Duration BEAT = Duration.ofSeconds(60);

	/**
	 * The most chart-review minutes Stride times for one therapist, patient and day of the clinic's
	 * calendar, however often and however long the chart is opened. A therapist who spent longer
	 * enters the rest with the log-time form.
	 */
	public static final int MAX_TIMED_REVIEW_MINUTES_PER_DAY = 30;

	/** Beats closer together than this (a replay, a second tab) add nothing. */
	static final Duration MIN_BEAT_GAP = Duration.ofSeconds(50);

	/**
	 * The set-up and education day of the patient's current episode: as the therapist confirmed it,
	 * or else the day the episode's first plan was assigned ({@code confirmed} false). {@code earliest}
	 * is the first day the episode allows.
	 */
	public record SetUp(LocalDate on, boolean confirmed, int episode, LocalDate earliest) {

		/**
		 * Whether the day can no longer change: the episode's first period has ended, so periods that
		 * may have been billed already were counted from it.
		 */
		public boolean fixed(LocalDate today) {
			return today.isAfter(on.plusDays(MonitoringPeriod.DAYS - 1));
		}
	}

	/** The chart's panel: the current period's counts, and whether the reader records time. */
	public record Summary(@Nullable SetUp setUp, @Nullable MonitoringPeriod period, MonitoringCounts counts,
			Map<Activity, Integer> minutesByActivity, boolean mayRecord, LocalDate today, @Nullable UUID view) {}

	/** One patient on the clinic's page. */
	public record Row(PatientId patient, String firstName, String lastName, LocalDate dateOfBirth,
			@Nullable String therapist, SetUp setUp, MonitoringPeriod period, MonitoringCounts counts) {}

	/**
	 * The clinic's page: for each monitored patient the period that holds {@code on}; those who reached
	 * a code, and how many did not yet.
	 */
	public record Report(LocalDate on, LocalDate today, List<Row> reached, int notYet) {

		public long count(String code) {
			return switch (code) {
				case "98975" -> reached.stream().filter(it -> it.counts().setUpInPeriod()).count();
				case "98977" -> reached.stream().filter(it -> it.counts().reachesDeviceSupply()).count();
				case "98980" -> reached.stream().filter(it -> it.counts().reachesTreatment()).count();
				case "98981" -> reached.stream().mapToLong(it -> it.counts().furtherTreatmentUnits()).sum();
				default -> throw new IllegalArgumentException(code);
			};
		}
	}

	private final JdbcClient jdbc;
	private final Episodes episodes;
	private final Plans plans;
	private final ReportedDays reportedDays;
	private final PatientDirectory directory;
	private final CareTeams careTeams;
	private final ClinicianManagement clinicians;
	private final ClinicRegistry clinics;
	private final AuditTrail audit;
	private final Clock clock;

	RemoteMonitoring(JdbcClient jdbc, Episodes episodes, Plans plans, ReportedDays reportedDays,
			PatientDirectory directory, CareTeams careTeams, ClinicianManagement clinicians, ClinicRegistry clinics, AuditTrail audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.episodes = episodes;
		this.plans = plans;
		this.reportedDays = reportedDays;
		this.directory = directory;
		this.careTeams = careTeams;
		this.clinicians = clinicians;
		this.clinics = clinics;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whether the reader records time and confirms the set-up for the patient: their therapist of record. */
	public static boolean mayRecord(PatientRecord record, StrideUser reader) {
		var team = record.careTeam();
		return team != null && reader.has(Role.THERAPIST) && team.isTherapist(reader.username());
	}

	/** Today on the clinic's calendar. */
	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone()));
	}

	/** The chart's panel, for a record the reader was allowed to open (see {@link PatientChart#open}). */
	public Summary summary(PatientRecord record, StrideUser reader) {
		var today = today();
		var episode = episodes.current(record.id()).orElse(null);
		var setUp = episode == null ? null : setUp(record.id(), episode).orElse(null);
		var period = setUp == null ? null : MonitoringPeriod.containing(setUp.on(), today)
				.filter(it -> withinEpisode(episode, it)).orElse(null);
		var byActivity = new EnumMap<Activity, Integer>(Activity.class);
		var counts = new MonitoringCounts(false, 0, 0);
		if (setUp != null && period != null) {
			counts = counts(record.id(), setUp, period);
			jdbc.sql("""
					select activity, sum(minutes) as minutes from careteams.treatment_time
					where patient_id = ? and performed_on between ? and ? group by activity""")
					.params(record.id().id(), period.start(), period.end())
					.query(row -> {
						byActivity.put(Activity.valueOf(row.getString("activity")), row.getInt("minutes"));
					});
		}
		var mayRecord = mayRecord(record, reader);
		return new Summary(setUp, period, counts, byActivity, mayRecord, today, mayRecord ? UUID.randomUUID() : null);
	}

	/**
	 * The clinic's page for the period of each patient that holds the day: every patient of the clinic
	 * for its administrators, a therapist's own patients (of record) for a therapist. Recorded in the audit trail
	 * as one view naming the patients shown.
	 */
	public Report report(StrideUser reader, LocalDate on) {
		var all = reader.has(Role.CLINIC_ADMIN);
		// the caseload holds the patients in care; a discharged patient left it, but their last periods still count
		var patients = jdbc.sql("""
				select patient_id from careteams.caseload_entry
				union select patient_id from careteams.monitoring_set_up
				union select patient_id from careteams.treatment_time""")
				.query((row, n) -> new PatientId(row.getObject(1, UUID.class))).list();
		var reached = new ArrayList<Row>();
		int notYet = 0;
		for (var patient : patients) {
			var therapist = careTeams.of(patient).map(CareTeam::therapist).orElse(null);
			if (!all && (therapist == null || !therapist.username().equals(reader.username()))) {
				continue;
			}
			var monitored = monitoredOn(patient, on).orElse(null);
			var summary = directory.find(patient).orElse(null);
			if (monitored == null || summary == null) {
				continue;
			}
			var setUp = monitored.setUp();
			var period = monitored.period();
			var counts = counts(patient, setUp, period);
			if (counts.reachesAny()) {
				reached.add(new Row(patient, summary.firstName(), summary.lastName(), summary.dateOfBirth(),
						therapist == null ? null : therapist.displayName(), setUp, period, counts));
			} else {
				notYet++;
			}
		}
		reached.sort(Comparator.comparing(Row::lastName).thenComparing(Row::firstName));
		audit.recordListView("monitoring", reached.stream().map(it -> it.patient().id()).toList());
		return new Report(on, today(), List.copyOf(reached), notYet);
	}

	/** Records that the report left Stride as a file: one entry per patient in it. */
	public void recordExport(Report report) {
		for (var row : report.reached()) {
			audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, row.patient().id(), "monitoring-export");
		}
	}

	/** The set-up day of the patient's current episode, if it has one (see {@link SetUp}). */
	public Optional<SetUp> setUp(PatientId patient) {
		return episodes.current(patient).flatMap(episode -> setUp(patient, episode));
	}

	/** A set-up and the period of it that holds a day. */
	private record Monitored(SetUp setUp, MonitoringPeriod period) {}

	/**
	 * The period that holds the day, of the episode that was monitoring the patient then: the latest
	 * episode with a set-up and a period holding the day that began before the episode ended (a set-up
	 * day lies inside its episode, so an episode opened after the day has no such period). So a
	 * re-admitted patient's earlier episode still shows for its days, also while the new one has no
	 * plan, and the period running at a discharge is listed to its end unless the next episode's
	 * monitoring has begun.
	 */
	private Optional<Monitored> monitoredOn(PatientId patient, LocalDate on) {
		var all = new ArrayList<>(episodes.episodes(patient));
		all.sort(Comparator.comparingInt(Episode::number).reversed());
		for (var episode : all) {
			var setUp = setUp(patient, episode).orElse(null);
			var period = setUp == null ? null : MonitoringPeriod.containing(setUp.on(), on).orElse(null);
			if (setUp != null && period != null && withinEpisode(episode, period)) {
				return Optional.of(new Monitored(setUp, period));
			}
		}
		return Optional.empty();
	}

	/** The set-up day of one episode of the patient: confirmed, or assumed from the episode's first plan. */
	private Optional<SetUp> setUp(PatientId patient, Episode episode) {
		var zone = zone();
		var earliest = LocalDate.ofInstant(episode.openedAt(), zone);
		var confirmed = jdbc.sql("select set_up_on from careteams.monitoring_set_up where patient_id = ? and episode = ?")
				.params(patient.id(), episode.number()).query(LocalDate.class).optional();
		if (confirmed.isPresent()) {
			return Optional.of(new SetUp(confirmed.get(), true, episode.number(), earliest));
		}
		return plans.versions(patient).stream().map(Plans.Version::changedAt).filter(episode::covers)
				.min(Comparator.naturalOrder())
				.map(first -> new SetUp(LocalDate.ofInstant(first, zone), false, episode.number(), earliest));
	}

	/**
	 * The therapist of record confirms (or corrects) the set-up day of the current episode. Once the
	 * first period counted from the day in force (confirmed or assumed) has ended, the day is fixed:
	 * confirming it again changes nothing, another day is refused, as the periods that may have been
	 * billed were counted from it.
	 *
	 * @return false if the reader may not record for the patient
	 * @throws health.stride.platform.validation.InvalidInput for a day before the episode or after
	 *         today, or another day once the day in force is fixed
	 */
	@Transactional
	public boolean confirmSetUp(PatientRecord record, StrideUser therapist, LocalDate on) {
		var clinician = recorder(record, therapist);
		var episode = episodes.current(record.id()).filter(Episode::isOpen).orElse(null);
		if (clinician == null || episode == null) {
			return false;
		}
		var today = today();
		var errors = new FieldErrors();
		var inForce = setUp(record.id(), episode).orElse(null);
		if (inForce != null && inForce.fixed(today) && !inForce.on().equals(on)) {
			errors.reject("date", "careteams.monitoring.set-up.fixed");
		} else if (on.isBefore(LocalDate.ofInstant(episode.openedAt(), zone())) || on.isAfter(today)) {
			errors.reject("date", "careteams.monitoring.set-up.date.invalid");
		}
		errors.throwIfAny();
		// the database keeps a fixed day too (a change racing with this one): it only changes a day whose
		// first period is still running
		var stored = jdbc.sql("""
				insert into careteams.monitoring_set_up as s (patient_id, episode, set_up_on, confirmed_by, confirmed_at)
				values (:patient, :episode, :on, :clinician, :now)
				on conflict (tenant_id, patient_id, episode)
				do update set set_up_on = excluded.set_up_on, confirmed_by = excluded.confirmed_by,
				              confirmed_at = excluded.confirmed_at
				where s.set_up_on = excluded.set_up_on or s.set_up_on + :days > cast(:today as date)""")
				.param("patient", record.id().id()).param("episode", episode.number()).param("on", on)
				.param("clinician", clinician).param("now", Timestamp.from(clock.instant()))
				.param("days", MonitoringPeriod.DAYS).param("today", today).update();
		if (stored == 0) {
			errors.reject("date", "careteams.monitoring.set-up.fixed");
			errors.throwIfAny();
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, record.id().id(), "monitoring-set-up");
		return true;
	}

	/**
	 * The therapist of record enters time they spent (a call, writing messages, a review or a visit
	 * outside Stride).
	 *
	 * @return false if the reader may not record for the patient
	 * @throws health.stride.platform.validation.InvalidInput for minutes outside 1 to 120 or a day in the
	 *         future or more than 90 days ago
	 */
	@Transactional
	public boolean enter(PatientRecord record, StrideUser therapist, Activity activity, int minutes, LocalDate on) {
		var clinician = recorder(record, therapist);
		if (clinician == null) {
			return false;
		}
		var errors = new FieldErrors();
		if (minutes < 1 || minutes > MAX_ENTERED_MINUTES) {
			errors.reject("minutes", "careteams.monitoring.minutes.invalid", MAX_ENTERED_MINUTES);
		}
		var today = today();
		if (on.isAfter(today) || on.isBefore(today.minusDays(OLDEST_ENTRY_DAYS))) {
			errors.reject("date", "careteams.monitoring.date.invalid", OLDEST_ENTRY_DAYS);
		}
		errors.throwIfAny();
		jdbc.sql("""
				insert into careteams.treatment_time
				  (id, patient_id, clinician_id, activity, minutes, performed_on, source, recorded_at)
				values (?, ?, ?, ?, ?, ?, 'ENTERED', ?)""")
				.params(UUID.randomUUID(), record.id().id(), clinician, activity.name(), minutes, on,
						Timestamp.from(clock.instant()))
				.update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, record.id().id(), "treatment-time");
		return true;
	}

	/**
	 * The chart, opened as {@code view}, is still on the therapist's screen: one more minute of chart
	 * review, unless the last beat of this view came less than {@link #MIN_BEAT_GAP} ago, the therapist
	 * has {@link #MAX_TIMED_REVIEW_MINUTES_PER_DAY} timed minutes of review of this patient today already
	 * (over all openings of the chart: a reload or a made-up view id gains nothing), or another chart of
	 * theirs is beating at the same time (one person reviews one chart at a time). The view's first beat
	 * of a day starts its entry; an opening counts on the day it began, so a chart left open past
	 * midnight stops counting until it is opened again. The checks and the minute are one statement,
	 * run while holding a lock per therapist, so beats arriving together cannot pass the cap.
	 *
	 * @return whether the beat counted
	 */
	@Transactional
	public boolean beat(PatientRecord record, StrideUser therapist, UUID view) {
		var clinician = recorder(record, therapist);
		if (clinician == null) {
			return false;
		}
		// one therapist's beats one after another (released at commit); the next statement sees what
		// the one before committed
		jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtextextended(?, 0))) as beats")
				.param("careteams.beat:" + clinician).query(Integer.class).single();
		var now = clock.instant();
		var counted = jdbc.sql("""
				with reviewed as (
				  select coalesce(sum(minutes), 0) as minutes from careteams.treatment_time
				  where clinician_id = :clinician and patient_id = :patient and performed_on = :day
				    and activity = 'CHART_REVIEW' and source = 'TIMED'),
				elsewhere as (
				  select count(*) as charts from careteams.treatment_time
				  where clinician_id = :clinician and view_id is not null and view_id <> :view and last_beat_at > :gap)
				insert into careteams.treatment_time as t
				  (id, patient_id, clinician_id, activity, minutes, performed_on, source, view_id, recorded_at, last_beat_at)
				select cast(:id as uuid), cast(:patient as uuid), cast(:clinician as uuid), 'CHART_REVIEW', 1,
				       cast(:day as date), 'TIMED', cast(:view as uuid), cast(:now as timestamptz), cast(:now as timestamptz)
				from reviewed, elsewhere
				where reviewed.minutes < :cap and elsewhere.charts = 0
				on conflict (tenant_id, view_id) where view_id is not null
				do update set minutes = t.minutes + 1, last_beat_at = excluded.last_beat_at
				where t.patient_id = excluded.patient_id and t.clinician_id = excluded.clinician_id
				  and t.performed_on = excluded.performed_on and t.last_beat_at <= :gap
				returning (xmax = 0) as started""")
				.param("id", UUID.randomUUID()).param("patient", record.id().id()).param("clinician", clinician)
				.param("day", LocalDate.ofInstant(now, zone())).param("view", view).param("now", Timestamp.from(now))
				.param("cap", MAX_TIMED_REVIEW_MINUTES_PER_DAY).param("gap", Timestamp.from(now.minus(MIN_BEAT_GAP)))
				.query(Boolean.class).optional();
		if (counted.orElse(false)) {
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, record.id().id(), "treatment-time");
		}
		return counted.isPresent();
	}

	/**
	 * A therapist's video visit was completed with a signed note: its minutes count as treatment
	 * management on the day it started. Once per visit, however often the event arrives; a coach's
	 * visit does not count.
	 */
	@Transactional
	public void visitCompleted(VisitId visit, PatientId patient, UUID clinicianId, Instant startsAt, int minutes) {
		var therapist = clinicians.find(new ClinicianId(clinicianId)).filter(it -> it.role() == ClinicianRole.THERAPIST);
		if (therapist.isEmpty() || minutes < 1) {
			return;
		}
		jdbc.sql("""
				insert into careteams.treatment_time
				  (id, patient_id, clinician_id, activity, minutes, performed_on, source, visit_id, recorded_at)
				values (?, ?, ?, 'VISIT', ?, ?, 'TIMED', ?, ?)
				on conflict (tenant_id, visit_id) where visit_id is not null do nothing""")
				.params(UUID.randomUUID(), patient.id(), clinicianId, Math.min(minutes, 600),
						LocalDate.ofInstant(startsAt, zone()), visit.id(), Timestamp.from(clock.instant()))
				.update();
	}

	private MonitoringCounts counts(PatientId patient, SetUp setUp, MonitoringPeriod period) {
		var days = reportedDays.between(patient, period.start(), period.end(), zone()).size();
		var minutes = jdbc.sql("""
				select coalesce(sum(minutes), 0) from careteams.treatment_time
				where patient_id = ? and performed_on between ? and ?""")
				.params(patient.id(), period.start(), period.end()).query(Integer.class).single();
		return new MonitoringCounts(period.contains(setUp.on()), days, minutes);
	}

	/** Whether the period began before the episode ended (a discharged patient's later periods are not monitored). */
	private boolean withinEpisode(Episode episode, MonitoringPeriod period) {
		var closed = episode.closedAt();
		return closed == null || !period.start().isAfter(LocalDate.ofInstant(closed, zone()));
	}

	private @Nullable UUID recorder(PatientRecord record, StrideUser therapist) {
		if (!mayRecord(record, therapist)) {
			return null;
		}
		return clinicians.findByUsername(therapist.username()).filter(it -> it.role() == ClinicianRole.THERAPIST)
				.map(it -> it.id().id()).orElse(null);
	}

	private ZoneId zone() {
		return CurrentTenant.get().flatMap(clinics::find).map(Clinic::timeZone).orElse(ZoneOffset.UTC);
	}
}
