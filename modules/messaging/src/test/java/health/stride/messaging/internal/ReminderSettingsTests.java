package health.stride.messaging.internal;

import static org.assertj.core.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;

/**
 * The reminder settings a patient saves: defaults that follow the plan, every field checked (a time
 * inside the quiet hours is refused, not moved, so the patient sees why), nothing stored when any
 * field is wrong; and the database keeps each clinic's settings, reminders and browsers to itself.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import(TestClock.Replacing.class)
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"stride.public-url=https://stride.example", "stride.reminders.interval=PT1H", "stride.mail.notice-interval=PT1H" })
class ReminderSettingsTests {

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private final ReminderSettings settings;
	private final ClinicRegistry clinics;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Plans plans;
	private final JdbcConnectionDetails database;

	private ReminderPatient given;

	ReminderSettingsTests(ReminderSettings settings, ClinicRegistry clinics, ProgramTemplates templates,
			PatientDirectory patients, CareTeams careTeams, Plans plans, JdbcConnectionDetails database) {
		this.settings = settings;
		this.clinics = clinics;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.plans = plans;
		this.database = database;
	}

	@BeforeEach
	void maya() {
		given = ReminderPatient.given(clinics, templates, patients, careTeams, plans, true);
	}

	ReminderSetting save(ReminderSettings.Input input) {
		return CurrentTenant.callAs(given.clinic(), () -> settings.save(given.maya(), input, Locale.ENGLISH));
	}

	ReminderSetting current() {
		return CurrentTenant.callAs(given.clinic(), () -> settings.of(given.maya()));
	}

	static ReminderSettings.Input form(String at, List<String> days, String quietFrom, String quietUntil) {
		return new ReminderSettings.Input("true", at, days, quietFrom, quietUntil, "true", null);
	}

	/** The fields the form was refused for, with the message code of each. */
	Set<String> refusedFields(ReminderSettings.Input input) {
		var refused = catchThrowableOfType(InvalidInput.class, () -> save(input));
		assertThat(refused).as("refused").isNotNull();
		return refused.problems().keySet();
	}

	@Test
	void startsOffAtSixInTheEveningOnThePlansDaysSpreadOverTheWeek() {

		var defaults = current();

		assertThat(defaults.enabled()).isFalse();
		assertThat(defaults.at()).isEqualTo(LocalTime.of(18, 0));
		assertThat(defaults.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
		assertThat(defaults.quietFrom()).isEqualTo(LocalTime.of(21, 0));
		assertThat(defaults.quietUntil()).isEqualTo(LocalTime.of(8, 0));
		assertThat(defaults.email()).isTrue();
		assertThat(defaults.push()).as("no push set up in this test").isFalse();
		assertThat(ReminderSetting.spread(2)).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.THURSDAY);
		assertThat(ReminderSetting.spread(7)).hasSize(7);
	}

	@Test
	void savesTheChoiceAndReadsItBack() {

		save(form("07:15", List.of("TUESDAY", "SATURDAY"), "22:30", "06:00"));

		var saved = current();
		assertThat(saved.enabled()).isTrue();
		assertThat(saved.at()).isEqualTo(LocalTime.of(7, 15));
		assertThat(saved.days()).containsExactlyInAnyOrder(DayOfWeek.TUESDAY, DayOfWeek.SATURDAY);
		assertThat(saved.quietFrom()).isEqualTo(LocalTime.of(22, 30));
		assertThat(saved.quietUntil()).isEqualTo(LocalTime.of(6, 0));

		save(new ReminderSettings.Input(null, "07:15", List.of(), "22:30", "06:00", null, null));
		assertThat(current().enabled()).as("turned off, with no day and no way left").isFalse();
	}

	@Test
	void refusesATimeInsideTheQuietHoursAndSaysWhichHoursTheyAre() {

		var refused = catchThrowableOfType(InvalidInput.class,
				() -> save(form("22:00", List.of("MONDAY"), "21:00", "08:00")));

		assertThat(refused.problems()).containsOnlyKeys("at");
		assertThat(refused.problems().get("at").getCodes()).containsExactly("messaging.reminders.error.at-quiet");
		assertThat(refused.problems().get("at").getArguments()).containsExactly("9:00\u202fPM", "8:00\u202fAM");
		assertThat(refusedFields(form("07:59", List.of("MONDAY"), "21:00", "08:00"))).containsExactly("at");
		assertThat(refusedFields(form("13:00", List.of("MONDAY"), "12:00", "14:00"))).containsExactly("at");
		assertThat(current().enabled()).as("nothing stored").isFalse();
	}

	@Test
	void refusesTimesThatAreNotTimes() {

		assertThat(refusedFields(form("25:00", List.of("MONDAY"), "21:00", "08:00"))).containsExactly("at");
		assertThat(refusedFields(form("18:00\u0000", List.of("MONDAY"), "21:00", "08:00"))).containsExactly("at");
		assertThat(refusedFields(form("6pm", List.of("MONDAY"), "21:00", "08:00"))).containsExactly("at");
		assertThat(refusedFields(form("1".repeat(100_000), List.of("MONDAY"), "x", "08:00")))
				.containsExactlyInAnyOrder("at", "quietFrom");
		assertThat(refusedFields(new ReminderSettings.Input("true", null, List.of("MONDAY"), null, null, "true", null)))
				.containsExactlyInAnyOrder("at", "quietFrom", "quietUntil");
		assertThat(current().enabled()).isFalse();
	}

	@Test
	void refusesQuietHoursThatEndWhenTheyStartUnknownDaysNoDayAndNoWay() {

		assertThat(refusedFields(form("18:00", List.of("MONDAY"), "21:00", "21:00"))).containsExactly("quietUntil");
		assertThat(refusedFields(form("18:00", List.of("MONDAY", "FUNDAY\u0000"), "21:00", "08:00")))
				.containsExactly("days");
		assertThat(refusedFields(form("18:00", List.of(), "21:00", "08:00"))).containsExactly("days");
		assertThat(refusedFields(new ReminderSettings.Input("true", "18:00", List.of("MONDAY"), "21:00", "08:00", null,
				"true"))).as("push is not set up here").containsExactly("email");
		assertThat(current().enabled()).isFalse();
	}

	@Test
	void keepsEachClinicsRemindersToItselfInTheDatabase() throws SQLException {

		save(form("18:00", List.of("MONDAY"), "21:00", "08:00"));
		var other = clinics.register(TenantId.of("o-" + java.util.UUID.randomUUID()), "Other").tenant();
		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			connection.setAutoCommit(false);
			bind(connection, given.clinic());
			assertThat(count(connection, "select count(*) from messaging.reminder_setting")).isEqualTo("1");
			for (var sql : List.of(
					"insert into messaging.exercise_reminder (patient_id, local_date, sent_at) values (?, date '2026-03-12', now())",
					"insert into messaging.push_subscription (patient_id, endpoint, created_at) values (?, 'https://fcm.googleapis.com/x', now())")) {
				try (var statement = connection.prepareStatement(sql)) {
					statement.setObject(1, given.maya().id());
					statement.executeUpdate();
				}
			}
			connection.commit();

			bind(connection, other);
			for (var table : List.of("reminder_setting", "exercise_reminder", "push_subscription")) {
				assertThat(count(connection, "select count(*) from messaging." + table)).as(table).isEqualTo("0");
			}
			assertThat(update(connection, "update messaging.reminder_setting set enabled = false")).isZero();
			assertThat(update(connection, "delete from messaging.exercise_reminder")).isZero();
			assertThat(update(connection, "delete from messaging.push_subscription")).isZero();
			try (var statement = connection.prepareStatement("""
					insert into messaging.exercise_reminder (tenant_id, patient_id, local_date, sent_at)
					values (?, gen_random_uuid(), date '2026-03-13', now())""")) {
				statement.setString(1, given.clinic().value());
				assertThatExceptionOfType(SQLException.class).isThrownBy(statement::executeUpdate)
						.satisfies(it -> assertThat(it.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
			}
			connection.rollback();
		}
		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			assertThat(count(connection, "select current_user")).isEqualTo("stride_app");
			assertThat(count(connection, "select count(*) from messaging.exercise_reminder")).as("no clinic bound").isEqualTo("0");
		}
		assertThat(current().enabled()).isTrue();
	}

	private static void bind(Connection connection, TenantId tenant) throws SQLException {
		try (var statement = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			statement.setString(1, tenant.value());
			statement.execute();
		}
	}

	private static int update(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement()) {
			return statement.executeUpdate(sql);
		}
	}

	private static String count(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}
}
