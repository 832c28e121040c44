package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.internal.Caseloads;
import health.stride.careteams.internal.PatientChart;
import health.stride.careteams.internal.RemoteMonitoring;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episodes;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;
import health.stride.programs.ReportedDays;
import health.stride.visits.VisitCompleted;
import health.stride.visits.VisitId;
import health.stride.visits.VisitNote;
import health.stride.visits.VisitNotes;
import health.stride.visits.VisitTypes;

/**
 * Remote therapeutic monitoring with fixtures on its boundaries: days with data counted once a day in
 * the clinic's zone (a session at 23:30 there is that day's), 15 against 16 days, 19/20/39/40/60
 * minutes, the 30th day of a period against the 31st, the open chart's heartbeat and its daily cap, a
 * re-admitted patient's first episode, the set-up day fixed once its first period ended, a signed visit's
 * minutes once however often its event arrives, who may record, and the table kept per clinic by the
 * database itself.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class RemoteMonitoringTests {

	/** Not the patients' zone (Los Angeles): days are the clinic's. */
	static final ZoneId CLINIC_ZONE = ZoneId.of("America/New_York");

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final Caseloads caseloads;
	private final PatientChart charts;
	private final RemoteMonitoring monitoring;
	private final ReportedDays reportedDays;
	private final VisitNotes notes;
	private final VisitTypes types;
	private final CareTeamFixtures fixtures;
	private final Episodes episodes;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final JdbcConnectionDetails database;

	private TenantId clinic;
	private UUID alex;
	private PatientId maya;
	private StrideUser alexSignedIn, coachSignedIn, admin;
	private LocalDate today;

	RemoteMonitoringTests(ClinicRegistry clinics, ClinicianManagement clinicians, Caseloads caseloads,
			PatientChart charts, RemoteMonitoring monitoring, ReportedDays reportedDays, VisitNotes notes,
			VisitTypes types, CareTeamFixtures fixtures, Episodes episodes, ApplicationEventPublisher events, JdbcClient jdbc,
			PlatformTransactionManager transactions, JdbcConnectionDetails database) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.caseloads = caseloads;
		this.charts = charts;
		this.monitoring = monitoring;
		this.reportedDays = reportedDays;
		this.notes = notes;
		this.types = types;
		this.fixtures = fixtures;
		this.episodes = episodes;
		this.events = events;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.database = database;
	}

	@BeforeEach
	void mayaOnAlexsCaseload() {
		clinic = clinics.register(TenantId.of("rtm-" + UUID.randomUUID()), "Clinic", CLINIC_ZONE, List.of("WA")).tenant();
		CurrentTenant.runAs(clinic, () -> {
			clinicians.add("pt.alex", "Alex, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("coach.rio", "Rio", ClinicianRole.COACH, List.of());
		});
		alex = CurrentTenant.callAs(clinic, () -> clinicians.findByUsername("pt.alex")).orElseThrow().id().id();
		maya = CurrentTenant.callAs(clinic, () -> fixtures.patient("Maya", "WA"));
		CurrentTenant.runAs(clinic, () -> fixtures.completeIntake(maya));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> CurrentTenant.callAs(clinic,
				() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).totalElements() == 1);
		alexSignedIn = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		coachSignedIn = new StrideUser(UUID.randomUUID().toString(), "coach.rio", List.of(clinic), Set.of(Role.COACH));
		admin = new StrideUser(UUID.randomUUID().toString(), "admin.nora", List.of(clinic), Set.of(Role.CLINIC_ADMIN));
		today = LocalDate.now(CLINIC_ZONE);
	}

	@Test
	void countsADayWithASessionAndAWalkOnceAndDaysInTheClinicsZone() {

		var day = today.minusDays(5);
		session(day, LocalTime.of(9, 0));
		walk(day, LocalTime.of(18, 0));
		session(day.minusDays(1), LocalTime.of(23, 30)); // 04:30 UTC the next day: still the day before, in the clinic
		walk(day.plusDays(1), LocalTime.of(0, 30));

		assertThat(days(day, day)).containsExactly(day);
		assertThat(days(day.minusDays(1), day.minusDays(1))).containsExactly(day.minusDays(1));
		assertThat(days(day.minusDays(1), day.plusDays(1))).containsExactly(day.minusDays(1), day, day.plusDays(1));
		assertThat(days(day.plusDays(2), today)).isEmpty();
	}

	@Test
	void reachesTheDeviceSupplyCodeOnTheSixteenthDayOfThePeriodNotTheFifteenth() {

		var setUp = today.minusDays(40);
		setUp(setUp);
		for (int i = 0; i < 15; i++) {
			session(setUp.plusDays(i), LocalTime.NOON);
		}
		walk(setUp.plusDays(3), LocalTime.of(19, 0)); // a second report on a day counted already
		session(setUp.minusDays(1), LocalTime.of(23, 30)); // the day before the set-up
		walk(setUp.plusDays(30), LocalTime.of(0, 30)); // the first day of the second period

		var first = row(setUp.plusDays(29));
		assertThat(first.period().start()).isEqualTo(setUp);
		assertThat(first.period().end()).isEqualTo(setUp.plusDays(29));
		assertThat(first.counts().daysWithData()).isEqualTo(15);
		assertThat(first.counts().reachesDeviceSupply()).isFalse();
		assertThat(first.counts().setUpInPeriod()).isTrue();

		session(setUp.plusDays(29), LocalTime.of(23, 30)); // the 30th day, late in the evening
		var reached = row(setUp.plusDays(29));
		assertThat(reached.counts().daysWithData()).isEqualTo(16);
		assertThat(reached.counts().reachesDeviceSupply()).isTrue();

		var second = report(setUp.plusDays(30));
		assertThat(second.reached()).as("one day and no set-up in the second period reach nothing").isEmpty();
		assertThat(second.notYet()).isOne();
	}

	@Test
	void countsTreatmentMinutesAgainstTwentyAndEachFurtherTwenty() {

		var setUp = today.minusDays(40);
		setUp(setUp);
		var record = record(alexSignedIn);

		enter(record, RemoteMonitoring.Activity.CALL, 19, setUp.plusDays(1));
		assertThat(row(setUp).counts().reachesTreatment()).isFalse();

		enter(record, RemoteMonitoring.Activity.MESSAGE, 1, setUp.plusDays(29));
		assertThat(row(setUp).counts()).satisfies(it -> {
			assertThat(it.minutes()).isEqualTo(20);
			assertThat(it.reachesTreatment()).isTrue();
			assertThat(it.furtherTreatmentUnits()).isZero();
		});

		enter(record, RemoteMonitoring.Activity.CALL, 19, setUp.plusDays(2));
		assertThat(row(setUp).counts().furtherTreatmentUnits()).as("39 minutes").isZero();
		enter(record, RemoteMonitoring.Activity.CHART_REVIEW, 1, setUp.plusDays(2));
		assertThat(row(setUp).counts().furtherTreatmentUnits()).as("40 minutes").isOne();
		enter(record, RemoteMonitoring.Activity.CALL, 20, setUp.plusDays(30)); // the second period's
		assertThat(row(setUp).counts().minutes()).isEqualTo(40);
		enter(record, RemoteMonitoring.Activity.VISIT, 20, setUp.plusDays(28));
		assertThat(row(setUp).counts().furtherTreatmentUnits()).as("60 minutes").isEqualTo(2);

		var second = report(setUp.plusDays(30));
		assertThat(second.reached()).singleElement().satisfies(it -> {
			assertThat(it.counts().minutes()).isEqualTo(20);
			assertThat(it.counts().setUpInPeriod()).isFalse();
			assertThat(it.period().number()).isEqualTo(2);
		});
	}

	@Test
	void refusesMinutesAndDaysOutOfRangeAndStoresNothing() {

		var record = record(alexSignedIn);
		for (var minutes : List.of(0, 121, -5)) {
			assertThatExceptionOfType(InvalidInput.class)
					.isThrownBy(() -> enter(record, RemoteMonitoring.Activity.CALL, minutes, today));
		}
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> enter(record, RemoteMonitoring.Activity.CALL, 10, today.plusDays(1)));
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> enter(record, RemoteMonitoring.Activity.CALL, 10, today.minusDays(91)));
		assertThatExceptionOfType(InvalidInput.class).as("a set-up before the record was opened")
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> monitoring.confirmSetUp(record, alexSignedIn,
						today.minusDays(3))));
		assertThat(entries()).isZero();
	}

	@Test
	void letsOnlyTheTherapistOfRecordRecordTime() {

		assertThat(CurrentTenant.callAs(clinic, () -> monitoring.enter(record(coachSignedIn), coachSignedIn, RemoteMonitoring.Activity.CALL,
				10, today))).isFalse();
		assertThat(CurrentTenant.callAs(clinic, () -> monitoring.enter(record(admin), admin, RemoteMonitoring.Activity.CALL,
				10, today))).isFalse();
		var sam = new StrideUser(UUID.randomUUID().toString(), "pt.sam", List.of(clinic), Set.of(Role.THERAPIST));
		assertThat(CurrentTenant.callAs(clinic, () -> charts.open(maya, sam))).as("another therapist").isEmpty();
		assertThat(entries()).isZero();

		assertThat(CurrentTenant.callAs(clinic, () -> monitoring.enter(record(alexSignedIn), alexSignedIn,
				RemoteMonitoring.Activity.CALL, 10, today))).isTrue();
		assertThat(entries()).isOne();
	}

	@Test
	void takesTheFirstPlanOfTheEpisodeAsTheSetUpUntilTheTherapistConfirmsIt() {

		assertThat(CurrentTenant.callAs(clinic, () -> monitoring.setUp(maya))).isEmpty();
		var summary = CurrentTenant.callAs(clinic, () -> monitoring.summary(record(alexSignedIn), alexSignedIn));
		assertThat(summary.setUp()).isNull();
		assertThat(summary.mayRecord()).isTrue();
		assertThat(summary.view()).isNotNull();

		assertThat(CurrentTenant.callAs(clinic, () -> monitoring.confirmSetUp(record(alexSignedIn), alexSignedIn, today)))
				.isTrue();
		var confirmed = CurrentTenant.callAs(clinic, () -> monitoring.setUp(maya)).orElseThrow();
		assertThat(confirmed.on()).isEqualTo(today);
		assertThat(confirmed.confirmed()).isTrue();
		var shown = CurrentTenant.callAs(clinic, () -> monitoring.summary(record(admin), admin));
		assertThat(shown.period()).isNotNull();
		assertThat(shown.counts().setUpInPeriod()).isTrue();
		assertThat(shown.mayRecord()).as("the administrators read the counts").isFalse();
	}

	@Test
	void countsAMinuteForEachBeatOfTheOpenChartOnceAndUpToThirtyADay() {

		var record = record(alexSignedIn);
		var view = UUID.randomUUID();

		assertThat(beat(record, view)).isTrue();
		assertThat(beat(record, view)).as("a replay at once").isFalse();
		assertThat(beat(record, UUID.randomUUID())).as("a second tab while the first beats").isFalse();
		assertThat(minutes()).isOne();

		for (int i = 0; i < 40; i++) {
			beatLater(view);
			beat(record, view);
		}
		assertThat(minutes()).isEqualTo(RemoteMonitoring.MAX_TIMED_REVIEW_MINUTES_PER_DAY);

		var coachRecord = record(coachSignedIn);
		assertThat(beat(coachRecord, coachSignedIn, UUID.randomUUID())).as("a coach's chart is not timed").isFalse();
		String stored = CurrentTenant.callAs(clinic, () -> transaction.execute(tx -> jdbc.sql(
				"select activity || ' ' || source || ' ' || performed_on from careteams.treatment_time")
				.query(String.class).single()));
		assertThat(stored).isEqualTo("CHART_REVIEW TIMED " + today);
	}

	@Test
	void stopsTimingChartReviewAtThirtyMinutesADayOverEveryOpeningOfTheChartAndCountsAgainTheNextDay() {

		var record = record(alexSignedIn);
		var views = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		for (var view : views) { // a reload, or a view id made up in the browser, is another opening
			for (int i = 0; i < 12; i++) {
				beat(record, view);
				aMinuteLater();
			}
		}
		assertThat(minutes()).as("12 + 12 + 6").isEqualTo(RemoteMonitoring.MAX_TIMED_REVIEW_MINUTES_PER_DAY);
		assertThat(beat(record, UUID.randomUUID())).as("a fresh opening on the same day").isFalse();
		aMinuteLater();
		assertThat(beat(record, views.get(0))).isFalse();
		assertThat(minutes()).isEqualTo(RemoteMonitoring.MAX_TIMED_REVIEW_MINUTES_PER_DAY);
		enter(record, RemoteMonitoring.Activity.CHART_REVIEW, 15, today);
		assertThat(minutes()).as("a longer review is entered").isEqualTo(45);

		aDayLater();
		assertThat(beat(record, views.get(0))).as("an opening counts on the day it began, not past midnight").isFalse();
		var tomorrow = UUID.randomUUID();
		assertThat(beat(record, tomorrow)).as("the next day counts again").isTrue();
		aMinuteLater();
		assertThat(beat(record, tomorrow)).isTrue();
		int counted = CurrentTenant.callAs(clinic, () -> transaction.execute(tx -> jdbc.sql(
				"select minutes from careteams.treatment_time where view_id = ?").param(tomorrow)
				.query(Integer.class).single()));
		assertThat(counted).isEqualTo(2);
	}

	@Test
	void keepsListingTheFirstEpisodesPeriodsAfterThePatientWasDischargedAndReactivated() {

		var setUp = today.minusDays(40);
		setUp(setUp);
		for (int i = 0; i < 16; i++) {
			session(setUp.plusDays(i), LocalTime.NOON);
		}
		CurrentTenant.runAs(clinic, () -> episodes.discharge(maya,
				Episodes.Discharge.of(DischargeReason.GOALS_MET, "Back to running."), alexSignedIn));
		CurrentTenant.runAs(clinic, () -> episodes.reactivate(maya, alexSignedIn));
		assertThat(CurrentTenant.callAs(clinic, () -> episodes.current(maya)).orElseThrow().number()).isEqualTo(2);

		assertThat(row(setUp.plusDays(5))).as("episode 2 has no plan yet").satisfies(it -> {
			assertThat(it.setUp().episode()).isOne();
			assertThat(it.period().number()).isOne();
			assertThat(it.counts().reachesDeviceSupply()).isTrue();
		});

		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				insert into careteams.monitoring_set_up (patient_id, episode, set_up_on, confirmed_by, confirmed_at)
				values (?, 2, ?, ?, now())""").params(maya.id(), today, alex).update()));
		assertThat(row(setUp.plusDays(5))).as("episode 2 is monitored from today").satisfies(it -> {
			assertThat(it.setUp().episode()).isOne();
			assertThat(it.period().start()).isEqualTo(setUp);
		});
		assertThat(row(today)).satisfies(it -> {
			assertThat(it.setUp().episode()).isEqualTo(2);
			assertThat(it.period().start()).isEqualTo(today);
			assertThat(it.counts().setUpInPeriod()).isTrue();
		});
	}

	@Test
	void refusesAnotherSetUpDayOnceTheFirstPeriodCountedFromItHasEnded() {

		setUp(today.minusDays(29)); // the first period ends today
		assertThat(CurrentTenant.callAs(clinic, () -> monitoring.confirmSetUp(record(alexSignedIn), alexSignedIn, today)))
				.isTrue();
		assertThat(setUpDay()).isEqualTo(today);

		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql(
				"update careteams.monitoring_set_up set set_up_on = ?").param(today.minusDays(30)).update()));
		assertThat(CurrentTenant.callAs(clinic, () -> monitoring.setUp(maya)).orElseThrow().fixed(today)).isTrue();
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> monitoring.confirmSetUp(record(alexSignedIn),
						alexSignedIn, today)))
				.satisfies(it -> assertThat(it.problems().get("date").getCodes())
						.contains("careteams.monitoring.set-up.fixed"));
		assertThat(setUpDay()).as("periods that may have been billed keep their days").isEqualTo(today.minusDays(30));
	}

	@Test
	void countsASignedVisitsMinutesOnceHoweverOftenItsEventArrives() {

		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == 4);
		var startsAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
		var visit = VisitId.random();
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
				                          booked_by, booked_at)
				values (?, ?, ?, 'follow-up', ?, ?, ?, 'BOOKED', 'pt.alex', ?)""")
				.params(visit.id(), maya.id(), alex, Timestamp.from(startsAt), Timestamp.from(startsAt.plusSeconds(1800)),
						Timestamp.from(startsAt.plusSeconds(1800)), Timestamp.from(startsAt.minus(Duration.ofDays(2))))
				.update()));
		CurrentTenant.callAs(clinic, () -> notes.sign(alexSignedIn, visit, new VisitNote.Sections("Better.", "Squats.",
				"Improving.", "Continue."), 28, 0));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> minutes() == 28);

		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> events.publishEvent(new VisitCompleted(
				clinic, visit, maya, alex, startsAt, startsAt.plusSeconds(1800), 28))));
		Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> entries() == 1);
		assertThat(minutes()).isEqualTo(28);
	}

	@Test
	void keepsTreatmentTimeApartPerClinicInTheDatabaseItself() throws SQLException {

		CurrentTenant.callAs(clinic, () -> monitoring.enter(record(alexSignedIn), alexSignedIn, RemoteMonitoring.Activity.CALL, 10, today));
		var other = clinics.register(TenantId.of("rtm-other-" + UUID.randomUUID()), "Other").tenant();

		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			assertThat(count(connection, "select count(*) from careteams.treatment_time")).as("no clinic bound").isZero();

			connection.setAutoCommit(false);
			bind(connection, other);
			assertThat(count(connection, "select count(*) from careteams.treatment_time where patient_id = '" + maya.id() + "'"))
					.isZero();
			assertThat(count(connection, "select count(*) from careteams.monitoring_set_up")).isZero();
			try (var insert = connection.prepareStatement("""
					insert into careteams.treatment_time
					  (tenant_id, id, patient_id, clinician_id, activity, minutes, performed_on, source, recorded_at)
					values (?, ?, ?, ?, 'CALL', 10, current_date, 'ENTERED', now())""")) {
				insert.setString(1, clinic.value());
				insert.setObject(2, UUID.randomUUID());
				insert.setObject(3, maya.id());
				insert.setObject(4, alex);
				assertThatExceptionOfType(SQLException.class).isThrownBy(insert::executeUpdate)
						.satisfies(it -> assertThat(it.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
			}
			connection.rollback();

			bind(connection, clinic);
			assertThat(count(connection, "select count(*) from careteams.treatment_time")).isOne();
			assertThatExceptionOfType(SQLException.class).as("entries are never removed")
					.isThrownBy(() -> count(connection, "delete from careteams.treatment_time returning 1"))
					.satisfies(it -> assertThat(it.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
			connection.rollback();
		}
	}

	private PatientRecord record(StrideUser reader) {
		return CurrentTenant.callAs(clinic, () -> charts.open(maya, reader)).orElseThrow();
	}

	private void enter(PatientRecord record, RemoteMonitoring.Activity activity, int minutes, LocalDate on) {
		assertThat(CurrentTenant.callAs(clinic, () -> monitoring.enter(record, alexSignedIn, activity, minutes, on)))
				.isTrue();
	}

	private boolean beat(PatientRecord record, UUID view) {
		return beat(record, alexSignedIn, view);
	}

	private boolean beat(PatientRecord record, StrideUser reader, UUID view) {
		return CurrentTenant.callAs(clinic, () -> monitoring.beat(record, reader, view));
	}

	/** As if every view's last beat came a minute ago. */
	private void aMinuteLater() {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql(
				"update careteams.treatment_time set last_beat_at = last_beat_at - interval '61 seconds' where view_id is not null")
				.update()));
	}

	/** As if everything recorded so far was recorded the day before. */
	private void aDayLater() {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				update careteams.treatment_time set performed_on = performed_on - 1,
				  last_beat_at = last_beat_at - interval '1 day', recorded_at = recorded_at - interval '1 day'""")
				.update()));
	}

	private LocalDate setUpDay() {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(tx -> jdbc.sql(
				"select set_up_on from careteams.monitoring_set_up").query(LocalDate.class).single()));
	}

	/** As if the view's last beat came a minute ago. */
	private void beatLater(UUID view) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql(
				"update careteams.treatment_time set last_beat_at = last_beat_at - interval '61 seconds' where view_id = ?")
				.param(view).update()));
	}

	private void setUp(LocalDate on) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				insert into careteams.monitoring_set_up (patient_id, episode, set_up_on, confirmed_by, confirmed_at)
				values (?, 1, ?, ?, now())""").params(maya.id(), on, alex).update()));
	}

	private void session(LocalDate day, LocalTime at) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				insert into programs.session (patient_id, id, idempotency_key, performed_at, recorded_at, plan_version,
				                              pain_before, pain_after, symptom_shift, flare)
				values (?, ?, ?, ?, now(), 1, 3, 2, 'NONE', false)""")
				.params(maya.id(), UUID.randomUUID(), "rtm-" + UUID.randomUUID(),
						Timestamp.from(day.atTime(at).atZone(CLINIC_ZONE).toInstant()))
				.update()));
	}

	private void walk(LocalDate day, LocalTime at) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				insert into programs.walk (patient_id, id, idempotency_key, walked_at, minutes, surface, pain)
				values (?, ?, ?, ?, 20, 'FLAT', 2)""")
				.params(maya.id(), UUID.randomUUID(), "rtm-" + UUID.randomUUID(),
						Timestamp.from(day.atTime(at).atZone(CLINIC_ZONE).toInstant()))
				.update()));
	}

	private List<LocalDate> days(LocalDate from, LocalDate to) {
		return CurrentTenant.callAs(clinic, () -> reportedDays.between(maya, from, to, CLINIC_ZONE));
	}

	private RemoteMonitoring.Report report(LocalDate on) {
		return CurrentTenant.callAs(clinic, () -> monitoring.report(admin, on));
	}

	private RemoteMonitoring.Row row(LocalDate on) {
		var report = report(on);
		assertThat(report.reached()).hasSize(1);
		return report.reached().get(0);
	}

	private long entries() {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(tx -> jdbc.sql(
				"select count(*) from careteams.treatment_time").query(Long.class).single()));
	}

	private int minutes() {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(tx -> jdbc.sql(
				"select coalesce(sum(minutes), 0) from careteams.treatment_time").query(Integer.class).single()));
	}

	private static void bind(Connection connection, TenantId tenant) throws SQLException {
		try (var statement = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			statement.setString(1, tenant.value());
			statement.execute();
		}
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}
}
