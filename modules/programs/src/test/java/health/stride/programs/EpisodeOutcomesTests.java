package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.DischargeReason;
import health.stride.patients.EpisodeOpened;
import health.stride.patients.Episodes;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientDischarged;
import health.stride.patients.PatientId;
import health.stride.patients.PortalAccess;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.internal.Tailoring;

/** A discharge ends the plan and keeps the episode's outcomes; a second episode is counted on its own. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class EpisodeOutcomesTests {

	private final Outcomes outcomes;
	private final Plans plans;
	private final Sessions sessions;
	private final ProgramTemplates templates;
	private final Tailoring tailoring;
	private final PatientDirectory patients;
	private final Episodes episodes;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails database;

	private TenantId clinic;
	private StrideUser alex;
	private PatientId maya;

	EpisodeOutcomesTests(Outcomes outcomes, Plans plans, Sessions sessions, ProgramTemplates templates,
			Tailoring tailoring, PatientDirectory patients, Episodes episodes, CareTeams careTeams,
			ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions,
			org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails database) {
		this.database = database;
		this.outcomes = outcomes;
		this.plans = plans;
		this.sessions = sessions;
		this.templates = templates;
		this.tailoring = tailoring;
		this.patients = patients;
		this.episodes = episodes;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void mayaOnTheFlarePlanWithIntakePainSeven() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		maya = CurrentTenant.callAs(clinic, () -> {
			templates.seedDefaults();
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null);
			assignFlarePlan(id);
			intake(id, 7, Duration.ofDays(20));
			return id;
		});
	}

	@Test
	void aDischargeEndsThePlanKeepsItsHistoryAndRefusesNewSessions(Scenario scenario) {

		session(18, 4);
		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> episodes.discharge(maya, Episodes.Discharge.of(DischargeReason.GOALS_MET, "Goals met"), alex))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> plans.of(maya)), java.util.Optional::isEmpty)
				.andVerify(none -> {
					assertThat(CurrentTenant.callAs(clinic, () -> plans.versions(maya))).as("history kept").isNotEmpty();
				}));

		assertThatExceptionOfType(PortalAccess.ReadOnly.class).isThrownBy(() -> CurrentTenant.runAs(clinic,
				() -> sessions.log(maya, new Sessions.Input(UUID.randomUUID().toString(), Instant.now().toString(), 3, 3,
						"NONE", "RIGHT", null, List.of()))));
	}

	@Test
	void countsOutcomesAndRespondersPerEpisode(Scenario scenario) {

		session(18, 4);
		session(16, 4);
		session(14, 4);
		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> episodes.discharge(maya, Episodes.Discharge.of(DischargeReason.GOALS_MET, "Goals met"), alex))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> plans.of(maya)), java.util.Optional::isEmpty));

		var first = CurrentTenant.callAs(clinic, () -> outcomes.ofEpisode(maya, 1)).orElseThrow();
		assertThat(first.firstPain()).isEqualTo(7.0);
		assertThat(first.lastPain()).isEqualTo(4.0);
		assertThat(first.responder()).isTrue();
		assertThat(first.sessionsDone()).isEqualTo(3);
		assertThat(first.sessionsPlanned()).isPositive();

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> episodes.reactivate(maya, alex))
				.andWaitForEventOfType(EpisodeOpened.class).toArrive());
		CurrentTenant.runAs(clinic, () -> {
			assignFlarePlan(maya);
			intake(maya, 6, Duration.ZERO);
		});
		session(0, 6);
		session(0, 5);

		assertThat(CurrentTenant.callAs(clinic, () -> plans.of(maya))).as("the new plan is today's").isPresent();

		// the first discharge delivered again (a restart replays it) leaves the new episode's plan alone
		CurrentTenant.runAs(clinic, () -> scenario.publish(new PatientDischarged(clinic, maya, 1))
				.andWaitForStateChange(this::dischargesNotYetHandled, pending -> pending == 0));
		assertThat(CurrentTenant.callAs(clinic, () -> plans.of(maya))).as("still today's plan after a replay").isPresent();
		var both = CurrentTenant.callAs(clinic, () -> outcomes.byEpisode(maya));
		assertThat(both).extracting(Outcomes.EpisodeOutcomes::episode).containsExactly(1, 2);
		assertThat(both.get(0)).isEqualTo(first);
		assertThat(both.get(1)).satisfies(second -> {
			assertThat(second.firstPain()).isEqualTo(6.0);
			assertThat(second.lastPain()).isEqualTo(5.5);
			assertThat(second.responder()).isFalse();
			assertThat(second.sessionsDone()).isEqualTo(2);
			assertThat(second.closedAt()).isNull();
		});

		var clinicWide = CurrentTenant.callAs(clinic, outcomes::clinic);
		assertThat(clinicWide.patientsWithBaseline()).as("one patient, two episodes").isEqualTo(2);
		assertThat(clinicWide.responders()).isEqualTo(1);
	}

	@Test
	void anotherClinicSeesNoKeptOutcomesThroughPlainJdbc(Scenario scenario) throws java.sql.SQLException {

		session(18, 4);
		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> episodes.discharge(maya, Episodes.Discharge.of(DischargeReason.GOALS_MET, "Goals met"), alex))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> plans.of(maya)), java.util.Optional::isEmpty));
		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();

		try (var connection = java.sql.DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			connection.setAutoCommit(false);
			assertThat(rows(connection, clinic)).as("the clinic's own").isOne();
			assertThat(rows(connection, other)).as("another clinic's view").isZero();
			connection.rollback();
		}
	}

	private static int rows(java.sql.Connection connection, TenantId tenant) throws java.sql.SQLException {
		try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			bind.setString(1, tenant.value());
			bind.execute();
		}
		try (var statement = connection.createStatement();
				var result = statement.executeQuery("select count(*) from programs.episode_outcome")) {
			result.next();
			return result.getInt(1);
		}
	}

	private void assignFlarePlan(PatientId patient) {
		var flare = templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow();
		plans.assign(patient, flare.id(), alex);
	}

	private void intake(PatientId patient, int pain, Duration ago) {
		tailoring.record(patient, false, false, false, pain);
		sql("update programs.tailoring_facts set intake_completed_at = ? where patient_id = ?",
				java.sql.Timestamp.from(Instant.now().minus(ago)), patient.id());
	}

	private void session(int daysAgo, int before) {
		CurrentTenant.runAs(clinic, () -> sql("""
				insert into programs.session (patient_id, id, idempotency_key, performed_at, recorded_at,
				    plan_version, pain_before, pain_after, symptom_shift, walking_minutes, flare)
				values (?, ?, ?, ?, now(), 1, ?, ?, 'NONE', null, false)""",
				maya.id(), UUID.randomUUID(), "k-" + UUID.randomUUID(),
				java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(daysAgo))), before, before));
	}

	private int dischargesNotYetHandled() {
		return jdbc.sql("select count(*) from event_publication where event_type like '%.PatientDischarged' and completion_date is null")
				.query(Integer.class).single();
	}

	private void sql(String sql, Object... params) {
		transaction.executeWithoutResult(status -> jdbc.sql(sql).params(params).update());
	}
}
