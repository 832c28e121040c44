package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Habits;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.Plan;
import health.stride.programs.Sessions;

/**
 * The weekly goal, the streak of weeks that met it and the welcome back, on a fixed calendar around
 * the change to daylight saving time in New York (Sunday 8 March 2026).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class HabitTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** A Wednesday; its week began on Monday 9 March, the day after the clocks went forward. */
	static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 11);

	private final JdbcHabits habits;
	private final Sessions sessions;
	private final ClinicRegistry clinics;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Plans plans;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	/** The clinic, Maya and her plan. */
	record Given(TenantId clinic, PatientId maya, Plan plan) {}

	private Given given;
	private int goal;

	HabitTests(JdbcHabits habits, Sessions sessions, ClinicRegistry clinics, ProgramTemplates templates,
			PatientDirectory patients, CareTeams careTeams, Plans plans, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.habits = habits;
		this.sessions = sessions;
		this.clinics = clinics;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.plans = plans;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void mayaOnAPlanOfThreeDaysAWeek() {
		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		given = CurrentTenant.callAs(clinic, () -> {
			templates.seedDefaults();
			var maya = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", null, "NY", NEW_YORK.getId()));
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null);
			var stabilisation = templates.all().stream().filter(it -> "stabilisation-progression".equals(it.key()))
					.findFirst().orElseThrow();
			return new Given(clinic, maya, plans.assign(maya, stabilisation.id(), alex));
		});
		goal = given.plan().daysPerWeek();
		assertThat(goal).isEqualTo(3);
	}

	/** A session at that local time of the day, in New York. */
	void session(LocalDate day, LocalTime at) {
		CurrentTenant.runAs(given.clinic(), () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into programs.session (patient_id, id, idempotency_key, performed_at, recorded_at,
				    plan_version, pain_before, pain_after, symptom_shift, flare)
				values (?, ?, ?, ?, now(), 1, 3, 3, 'NONE', false)""")
				.params(given.maya().id(), UUID.randomUUID(), "k-" + UUID.randomUUID(),
						java.sql.Timestamp.from(day.atTime(at).atZone(NEW_YORK).toInstant()))
				.update()));
	}

	/** Sessions on the first {@code days} days of the week that starts on that Monday. */
	void week(LocalDate monday, int days) {
		for (int i = 0; i < days; i++) {
			session(monday.plusDays(i), LocalTime.of(9, 0));
		}
	}

	Habits.Habit on(LocalDate day) {
		return CurrentTenant.callAs(given.clinic(), () -> habits.on(given.maya(), NEW_YORK, day));
	}

	@Test
	void countsTheDaysOfThisWeekAgainstThePlansDaysAWeek() {

		session(WEDNESDAY.minusDays(2), LocalTime.of(7, 0));
		session(WEDNESDAY.minusDays(2), LocalTime.of(19, 0)); // a second on the same day counts once
		session(WEDNESDAY, LocalTime.of(0, 30));
		session(WEDNESDAY.minusDays(3), LocalTime.of(23, 30)); // Sunday: last week's

		var habit = on(WEDNESDAY);

		assertThat(habit.daysThisWeek()).isEqualTo(2);
		assertThat(habit.weeklyGoal()).isEqualTo(goal);
		assertThat(habit.goalMet()).isFalse();
		assertThat(habit.welcomeBack()).isFalse();
	}

	@Test
	void countsWeeksInARowThatMetTheGoalWithoutBreakingOnTheWeekUnderWay() {

		var monday = WEDNESDAY.minusDays(2);
		week(monday.minusWeeks(4), goal);
		week(monday.minusWeeks(3), goal - 1); // short: the streak starts again after it
		week(monday.minusWeeks(2), goal); // across the change of the clocks
		week(monday.minusWeeks(1), goal);
		session(monday, LocalTime.of(8, 0));

		assertThat(on(WEDNESDAY).weeksInARow()).as("this week is not over").isEqualTo(2);

		week(monday, goal);
		var met = on(monday.plusDays(goal - 1L));
		assertThat(met.goalMet()).isTrue();
		assertThat(met.weeksInARow()).as("this week counts once it is met").isEqualTo(3);
	}

	@Test
	void welcomesBackAfterSevenDaysWithoutASessionInsteadOfAStreak() {

		var monday = WEDNESDAY.minusDays(2);
		week(monday.minusWeeks(3), goal);
		week(monday.minusWeeks(2), goal);
		var last = monday.minusWeeks(2).plusDays(goal - 1L);

		var sixDays = on(last.plusDays(6));
		assertThat(sixDays.welcomeBack()).isFalse();
		var sevenDays = on(last.plusDays(7));
		assertThat(sevenDays.welcomeBack()).isTrue();
		assertThat(sevenDays.weeksInARow()).as("no broken streak to show").isZero();

		session(last.plusDays(8), LocalTime.of(18, 0));
		assertThat(on(last.plusDays(8)).welcomeBack()).as("back").isFalse();
	}

	@Test
	void neverWelcomesBackAPatientWhoHasNotStarted() {

		var habit = on(WEDNESDAY);

		assertThat(habit.welcomeBack()).isFalse();
		assertThat(habit.daysThisWeek()).isZero();
		assertThat(habit.weeksInARow()).isZero();
	}

	@Test
	void knowsWhetherTheDaysSessionIsDoneInThePatientsZone() {

		session(WEDNESDAY, LocalTime.of(23, 45)); // 03:45 the next day in UTC

		CurrentTenant.runAs(given.clinic(), () -> {
			assertThat(sessions.doneOn(given.maya(), WEDNESDAY, NEW_YORK)).isTrue();
			assertThat(sessions.doneOn(given.maya(), WEDNESDAY.plusDays(1), NEW_YORK)).isFalse();
			assertThat(sessions.doneOn(given.maya(), WEDNESDAY.plusDays(1), ZoneId.of("UTC"))).isTrue();
		});
	}
}
