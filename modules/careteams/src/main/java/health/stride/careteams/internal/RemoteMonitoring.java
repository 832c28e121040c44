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

	/** The most minutes one opening of a chart counts, however long it stays open. */
	public static final int MAX_MINUTES_PER_VIEW = 30;

	/** Beats closer together than this (a replay, a second tab) add nothing. */
	static final Duration MIN_BEAT_GAP = Duration.ofSeconds(50);

	/**
	 * The set-up and education day of the patient's current episode: as the therapist confirmed it,
	 * or else the day the episode's first plan was assigned ({@code confirmed} false). {@code earliest}
	 * is the first day the episode allows.
	 */
	public record SetUp(LocalDate on, boolean confirmed, int episode, LocalDate earliest) {}

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
		var setUp = setUp(record.id()).orElse(null);
		var period = setUp == null ? null : MonitoringPeriod.containing(setUp.on(), today).orElse(null);
		var byActivity = new EnumMap<Activity, Integer>(Activity.class);
		var counts = new MonitoringCounts(false, 0, 0);
		if (setUp != null && period != null && !withinEpisode(record.id(), setUp, period)) {
			period = null;
		}
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
			var setUp = setUp(patient).orElse(null);
			var period = setUp == null ? null : MonitoringPeriod.containing(setUp.on(), on).orElse(null);
			var summary = directory.find(patient).orElse(null);
			if (setUp == null || period == null || summary == null || !withinEpisode(patient, setUp, period)) {
				continue;
			}
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
		var episode = episodes.current(patient).orElse(null);
		if (episode == null) {
			return Optional.empty();
		}
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
	 * The therapist of record confirms (or corrects) the set-up day of the current episode.
	 *
	 * @return false if the reader may not record for the patient
	 * @throws health.stride.platform.validation.InvalidInput for a day before the episode or after today
	 */
	@Transactional
	public boolean confirmSetUp(PatientRecord record, StrideUser therapist, LocalDate on) {
		var clinician = recorder(record, therapist);
		var episode = episodes.current(record.id()).filter(Episode::isOpen).orElse(null);
		if (clinician == null || episode == null) {
			return false;
		}
		var errors = new FieldErrors();
		if (on.isBefore(LocalDate.ofInstant(episode.openedAt(), zone())) || on.isAfter(today())) {
			errors.reject("date", "careteams.monitoring.set-up.date.invalid");
		}
		errors.throwIfAny();
		jdbc.sql("""
				insert into careteams.monitoring_set_up (patient_id, episode, set_up_on, confirmed_by, confirmed_at)
				values (?, ?, ?, ?, ?)
				on conflict (tenant_id, patient_id, episode)
				do update set set_up_on = excluded.set_up_on, confirmed_by = excluded.confirmed_by,
				              confirmed_at = excluded.confirmed_at""")
				.params(record.id().id(), episode.number(), on, clinician, Timestamp.from(clock.instant())).update();
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
	 * review, unless the last beat of this view came less than {@link #MIN_BEAT_GAP} ago, the view has
	 * counted {@link #MAX_MINUTES_PER_VIEW} minutes already, or another chart of theirs is beating at
	 * the same time (one person reviews one chart at a time). The view's first beat starts its entry.
	 *
	 * @return whether the beat counted
	 */
	@Transactional
	public boolean beat(PatientRecord record, StrideUser therapist, UUID view) {
		var clinician = recorder(record, therapist);
		if (clinician == null) {
			return false;
		}
		var now = clock.instant();
		var elsewhere = jdbc.sql("""
				select count(*) from careteams.treatment_time
				where clinician_id = ? and view_id is not null and view_id <> ? and last_beat_at > ?""")
				.params(clinician, view, Timestamp.from(now.minus(MIN_BEAT_GAP))).query(Long.class).single();
		if (elsewhere > 0) {
			return false;
		}
		var counted = jdbc.sql("""
				insert into careteams.treatment_time as t
				  (id, patient_id, clinician_id, activity, minutes, performed_on, source, view_id, recorded_at, last_beat_at)
				values (:id, :patient, :clinician, 'CHART_REVIEW', 1, :day, 'TIMED', :view, :now, :now)
				on conflict (tenant_id, view_id) where view_id is not null
				do update set minutes = t.minutes + 1, last_beat_at = :now
				where t.patient_id = :patient and t.clinician_id = :clinician and t.minutes < :cap
				  and t.last_beat_at <= :gap
				returning (xmax = 0) as started""")
				.param("id", UUID.randomUUID()).param("patient", record.id().id()).param("clinician", clinician)
				.param("day", LocalDate.ofInstant(now, zone())).param("view", view).param("now", Timestamp.from(now))
				.param("cap", MAX_MINUTES_PER_VIEW).param("gap", Timestamp.from(now.minus(MIN_BEAT_GAP)))
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
	private boolean withinEpisode(PatientId patient, SetUp setUp, MonitoringPeriod period) {
		return episodes.episode(patient, setUp.episode()).map(Episode::closedAt)
				.map(closed -> !period.start().isAfter(LocalDate.ofInstant(closed, zone()))).orElse(true);
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
