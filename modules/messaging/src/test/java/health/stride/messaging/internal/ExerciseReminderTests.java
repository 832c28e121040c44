package health.stride.messaging.internal;

import static health.stride.messaging.internal.ReminderPatient.NEW_YORK;
import static org.assertj.core.api.Assertions.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.Sessions;

/**
 * Exercise reminders on a clock the test moves: a week in New York across the change to daylight
 * saving time (Sunday 8 March 2026), the quiet hours, the day's session, the clocks' gap and
 * overlap, two nodes sending at once, a mail server that is down and a failure after the email went
 * out. Emails go to a real SMTP server (GreenMail).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import(TestClock.Replacing.class)
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"stride.public-url=https://stride.example", "stride.reminders.interval=PT1H", "stride.mail.notice-interval=PT1H" })
class ExerciseReminderTests {

	static final Set<DayOfWeek> MON_WED_FRI_SUN = EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY,
			DayOfWeek.SUNDAY);

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private final ExerciseReminders reminders;
	private final ReminderSettings settings;
	private final Sessions sessions;
	private final ExerciseLibrary library;
	private final ClinicRegistry clinics;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Plans plans;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final TestClock clock;
	private final FlywayConnectionDetails owner;

	private ReminderPatient given;

	ExerciseReminderTests(ExerciseReminders reminders, ReminderSettings settings, Sessions sessions,
			ExerciseLibrary library, ClinicRegistry clinics, ProgramTemplates templates, PatientDirectory patients,
			CareTeams careTeams, Plans plans, JdbcClient jdbc, PlatformTransactionManager transactions, TestClock clock,
			FlywayConnectionDetails owner) {
		this.reminders = reminders;
		this.settings = settings;
		this.sessions = sessions;
		this.library = library;
		this.clinics = clinics;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.plans = plans;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		this.owner = owner;
	}

	@BeforeEach
	void mayaInNewYork() {
		clock.reset();
		given = ReminderPatient.given(clinics, templates, patients, careTeams, plans, true);
	}

	@AfterEach
	void realTime() {
		clock.reset();
	}

	void choose(LocalTime at, Set<DayOfWeek> days, LocalTime quietFrom, LocalTime quietUntil) {
		CurrentTenant.runAs(given.clinic(), () -> settings.save(given.maya(),
				ReminderPatient.input(at, days, quietFrom, quietUntil, true, false), Locale.ENGLISH));
	}

	static Instant newYork(int year, int month, int day, int hour, int minute) {
		return ZonedDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute), NEW_YORK).toInstant();
	}

	int sendDue() {
		return CurrentTenant.callAs(given.clinic(), reminders::sendDue);
	}

	/** Runs the job every few minutes from one moment to another, as the scheduler would. */
	void runEvery(Duration step, Instant from, Instant until) {
		for (var now = from; now.isBefore(until); now = now.plus(step)) {
			clock.set(now);
			sendDue();
		}
	}

	/** The reminders recorded for Maya: when each was sent. */
	List<Instant> recorded() {
		return CurrentTenant.callAs(given.clinic(), () -> transaction.execute(status -> jdbc.sql(
				"select sent_at from messaging.exercise_reminder where patient_id = ? order by sent_at")
				.param(given.maya().id()).query((row, number) -> row.getTimestamp(1).toInstant()).list()));
	}

	List<MimeMessage> emailsToMaya() {
		var mine = new ArrayList<MimeMessage>();
		try {
			for (var message : smtp.getReceivedMessages()) {
				if (GreenMailUtil.getAddressList(message.getAllRecipients()).contains(given.email())) {
					mine.add(message);
				}
			}
		} catch (jakarta.mail.MessagingException unreadable) {
			throw new IllegalStateException(unreadable);
		}
		return mine;
	}

	@Test
	void remindsOnEachPlanDayOnceAtTheChosenTimeThroughAWeekWithTheClocksChange() {

		choose(LocalTime.of(18, 0), MON_WED_FRI_SUN, LocalTime.of(21, 0), LocalTime.of(8, 0));
		// Monday: the session is done in the morning, so no reminder that evening
		var mondayMorning = newYork(2026, 3, 9, 7, 30);

		runEvery(Duration.ofMinutes(5), newYork(2026, 3, 5, 0, 0), mondayMorning);
		clock.set(mondayMorning);
		CurrentTenant.runAs(given.clinic(), () -> sessions.log(given.maya(), given.session(mondayMorning.toString())));
		runEvery(Duration.ofMinutes(5), mondayMorning, newYork(2026, 3, 12, 0, 0));

		assertThat(recorded()).as("Friday in winter time, Sunday and Wednesday in summer time; no Thursday, Saturday, "
				+ "Tuesday, nor Monday with its session done").containsExactly(
						Instant.parse("2026-03-06T23:00:00Z"), Instant.parse("2026-03-08T22:00:00Z"),
						Instant.parse("2026-03-11T22:00:00Z"));
		assertThat(emailsToMaya()).hasSize(3);
	}

	@Test
	void sendsNoReminderInQuietHoursEvenWhenTheJobMissedTheTime() {

		choose(LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0));

		// the job was down from before six until past nine in the evening, and overnight
		runEvery(Duration.ofMinutes(5), newYork(2026, 3, 12, 21, 0), newYork(2026, 3, 13, 8, 0));

		assertThat(recorded()).isEmpty();
		assertThat(emailsToMaya()).isEmpty();
	}

	@Test
	void sendsOneReminderWhenTwoNodesRunTheJobAtOnce() throws Exception {

		choose(LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0));
		clock.set(newYork(2026, 3, 12, 18, 1));

		var start = new CyclicBarrier(2);
		try (var nodes = Executors.newFixedThreadPool(2)) {
			var first = CompletableFuture.supplyAsync(() -> node(start), nodes);
			var second = CompletableFuture.supplyAsync(() -> node(start), nodes);
			assertThat(first.get() + second.get()).isEqualTo(1);
		}
		assertThat(sendDue()).as("and once more later").isZero();

		assertThat(recorded()).containsExactly(newYork(2026, 3, 12, 18, 1));
		assertThat(emailsToMaya()).hasSize(1);
	}

	private int node(CyclicBarrier start) {
		try {
			start.await();
		} catch (Exception interrupted) {
			throw new IllegalStateException(interrupted);
		}
		return sendDue();
	}

	@Test
	void sendsNoSecondEmailWhenRecordingTheReminderFailsAfterTheEmailWentOut() throws Exception {

		choose(LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0));
		// the database refuses the update that records how Maya was reminded, after the email left
		var trigger = "refuse_outcome_" + given.maya().id().toString().replace("-", "");
		asOwner("create function messaging." + trigger + "() returns trigger language plpgsql as $$ begin "
				+ "raise exception 'the outcome is lost'; end $$",
				"create trigger " + trigger + " before update on messaging.exercise_reminder for each row when (new.patient_id = '"
						+ given.maya().id() + "') execute function messaging." + trigger + "()");
		try {
			runEvery(Duration.ofMinutes(1), newYork(2026, 3, 12, 18, 0), newYork(2026, 3, 12, 18, 10));
		} finally {
			asOwner("drop trigger " + trigger + " on messaging.exercise_reminder", "drop function messaging." + trigger + "()");
		}

		assertThat(emailsToMaya()).as("one email, though its outcome could not be recorded").hasSize(1);
		assertThat(recorded()).containsExactly(newYork(2026, 3, 12, 18, 0));
	}

	@Test
	void triesAgainOnTheNextRunWhenNoReminderCouldBeDelivered() {

		choose(LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0));

		smtp.stop(); // the mail server is down at six
		try {
			clock.set(newYork(2026, 3, 12, 18, 0));
			assertThat(sendDue()).isZero();
			assertThat(recorded()).as("the day is given back").isEmpty();
		} finally {
			smtp.start();
		}
		clock.set(newYork(2026, 3, 12, 18, 1));
		assertThat(sendDue()).isOne();
		clock.set(newYork(2026, 3, 12, 18, 2));
		assertThat(sendDue()).as("and only once").isZero();

		assertThat(recorded()).containsExactly(newYork(2026, 3, 12, 18, 1));
		assertThat(emailsToMaya()).hasSize(1);
		assertThat(byEmail()).containsExactly(true);
	}

	/** Runs statements as the tables' owner, who may add and drop triggers. */
	void asOwner(String... statements) throws java.sql.SQLException {
		try (var connection = java.sql.DriverManager.getConnection(owner.getJdbcUrl(), owner.getUsername(),
				owner.getPassword()); var statement = connection.createStatement()) {
			for (var sql : statements) {
				statement.execute(sql);
			}
		}
	}

	List<Boolean> byEmail() {
		return CurrentTenant.callAs(given.clinic(), () -> transaction.execute(status -> jdbc.sql(
				"select by_email from messaging.exercise_reminder where patient_id = ?").param(given.maya().id())
				.query(Boolean.class).list()));
	}

	@Test
	void remindsAtTheShiftedTimeWhenTheChosenTimeFallsInTheSpringForwardGap() {

		choose(LocalTime.of(2, 30), EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(1, 0));

		runEvery(Duration.ofMinutes(5), newYork(2026, 3, 8, 0, 0), newYork(2026, 3, 8, 6, 0));

		assertThat(recorded()).as("02:30 does not exist that night: 03:30 summer time").containsExactly(
				Instant.parse("2026-03-08T07:30:00Z"));
	}

	@Test
	void remindsOnceWhenTheChosenTimeHappensTwiceAsTheClocksFallBack() {

		choose(LocalTime.of(1, 30), EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(1, 0));

		runEvery(Duration.ofMinutes(5), Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-01T09:00:00Z"));

		assertThat(recorded()).as("the first 01:30, in summer time").containsExactly(
				Instant.parse("2026-11-01T05:30:00Z"));
		assertThat(emailsToMaya()).hasSize(1);
	}

	@Test
	void sendsNoReminderToAPatientWithoutAPlan() {

		given = ReminderPatient.given(clinics, templates, patients, careTeams, plans, false);
		choose(LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0));

		runEvery(Duration.ofMinutes(30), newYork(2026, 3, 12, 17, 0), newYork(2026, 3, 12, 20, 0));

		assertThat(recorded()).isEmpty();
	}

	@Test
	void sendsNoReminderWhileThePatientsCareIsPausedAndAgainOnceItGoesOn() {

		choose(LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0));
		CurrentTenant.runAs(given.clinic(), () -> patients.changeStatus(given.maya(),
				health.stride.patients.PatientStatus.PAUSED, "test"));

		runEvery(Duration.ofMinutes(30), newYork(2026, 3, 12, 17, 0), newYork(2026, 3, 12, 20, 0));
		assertThat(recorded()).isEmpty();

		CurrentTenant.runAs(given.clinic(), () -> patients.changeStatus(given.maya(),
				health.stride.patients.PatientStatus.ACTIVE, "test"));
		runEvery(Duration.ofMinutes(30), newYork(2026, 3, 13, 17, 0), newYork(2026, 3, 13, 20, 0));
		assertThat(recorded()).containsExactly(newYork(2026, 3, 13, 18, 0));
	}

	@Test
	void sendsNoReminderToAPatientWhoDidNotTurnThemOn() {

		runEvery(Duration.ofMinutes(30), newYork(2026, 3, 12, 0, 0), newYork(2026, 3, 13, 0, 0));

		assertThat(recorded()).isEmpty();
	}

	@Test
	void emailsTheTimeForExerciseAndALinkButNothingAboutTheCare() throws Exception {

		choose(LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0));
		clock.set(newYork(2026, 3, 12, 18, 0));
		sendDue();

		var email = emailsToMaya().getFirst();
		var words = (email.getSubject() + "\n" + GreenMailUtil.getBody(email)).toLowerCase(Locale.ROOT);
		assertThat(email.getSubject()).isEqualTo("Time for today's exercises — Northside Physio");
		assertThat(words).contains("https://stride.example/portal/session", "https://stride.example/portal/reminders");
		assertThat(words).doesNotContain("maya", "okafor", "sciatica", "herniat", "stenosis", "disc", "pain", "alex");
		for (var exercise : given.plan().phase().exercises()) {
			var name = library.find(exercise.slug()).orElseThrow().name().toLowerCase(Locale.ROOT);
			assertThat(words).doesNotContain(name, exercise.slug());
		}
	}

	@Test
	void remindsInThePatientsLanguage() throws Exception {

		CurrentTenant.runAs(given.clinic(), () -> patients.changeLanguage(given.maya(),
				health.stride.platform.i18n.Language.SPANISH));
		choose(LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0));
		clock.set(newYork(2026, 3, 12, 18, 0));
		sendDue();

		assertThat(emailsToMaya().getFirst().getSubject()).isEqualTo("Es hora de los ejercicios de hoy — Northside Physio");
	}
}
