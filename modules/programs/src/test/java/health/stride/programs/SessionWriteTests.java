package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.dao.DataAccessException;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * How a session reaches the database: the session, its exercises (one batch) and its audit entry
 * (one statement with the session) are stored whole, or nothing is.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class SessionWriteTests {

	private final Sessions sessions;
	private final Plans plans;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcConnectionDetails database;

	private SciaticaPlan sciatica;

	SessionWriteTests(Sessions sessions, Plans plans, ProgramTemplates templates, PatientDirectory patients,
			CareTeams careTeams, ClinicRegistry clinics, JdbcConnectionDetails database) {
		this.sessions = sessions;
		this.plans = plans;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.database = database;
	}

	@BeforeEach
	void aPatientWithTheSciaticaPlan() {
		sciatica = SciaticaPlan.given(clinics, templates, patients, careTeams, plans);
	}

	@Test
	void aSessionIsStoredWithAllItsExercisesInOrderAndOneAuditEntry() throws SQLException {

		var input = sciatica.session("k-" + UUID.randomUUID(), 4, 3, "NONE", SciaticaPlan.ago(Duration.ofHours(2)),
				sciatica.plan().phase().exercises().get(1).slug());
		var slugs = input.exercises().stream().map(Sessions.ExerciseInput::exerciseSlug).toList();
		assertThat(slugs).as("the plan's phase has several exercises").hasSizeGreaterThanOrEqualTo(3);

		var logged = CurrentTenant.callAs(sciatica.clinic(), () -> sessions.log(sciatica.maya(), input));
		var again = CurrentTenant.callAs(sciatica.clinic(), () -> sessions.log(sciatica.maya(), input));

		assertThat(logged.created()).isTrue();
		assertThat(again.created()).isFalse();
		assertThat(again.session().id()).isEqualTo(logged.session().id());
		var stored = stored(logged.session().id());
		assertThat(stored.exercises()).containsExactlyElementsOf(slugs);
		assertThat(stored.skipped()).containsExactlyElementsOf(
				java.util.stream.IntStream.range(0, slugs.size()).mapToObj(i -> i == 1).toList());
		assertThat(stored.sessions()).isOne();
		assertThat(stored.auditEntries()).as("one entry for the write, none for the retry").isOne();
	}

	@Test
	void aSessionWhoseExerciseCannotBeStoredLeavesNothing() throws SQLException {

		var input = sciatica.session("k-" + UUID.randomUUID(), 4, 3, "NONE", SciaticaPlan.ago(Duration.ofHours(2)));
		var refusal = "refuse_" + UUID.randomUUID().toString().replace("-", "");
		// the database refuses the clinic's third exercise line, after the session and two lines went in
		owner("create function programs." + refusal + "() returns trigger language plpgsql as $$ begin"
				+ " raise exception 'refused by the test'; end; $$; create trigger " + refusal
				+ " before insert on programs.session_exercise for each row when (new.tenant_id = '"
				+ sciatica.clinic().value() + "' and new.position = 2) execute function programs." + refusal + "()");
		try {
			assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> CurrentTenant.callAs(sciatica.clinic(), () -> sessions.log(sciatica.maya(), input)));
		} finally {
			owner("drop trigger " + refusal + " on programs.session_exercise; drop function programs." + refusal + "()");
		}

		try (var connection = application()) {
			for (var count : List.of("select count(*) from programs.session",
					"select count(*) from programs.session_exercise",
					"select count(*) from platform.audit_event where resource = 'session'")) {
				try (var rows = connection.createStatement().executeQuery(count)) {
					rows.next();
					assertThat(rows.getInt(1)).as(count).isZero();
				}
			}
			try (var rows = connection.createStatement().executeQuery(
					"select count(*) from event_publication where serialized_event like '%" + sciatica.maya().id() + "%'"
							+ " and event_type like '%ExerciseSessionLogged'")) {
				rows.next();
				assertThat(rows.getInt(1)).as("no event announced").isZero();
			}
		}
		// and once the database takes it again, the same session is stored whole
		var logged = CurrentTenant.callAs(sciatica.clinic(), () -> sessions.log(sciatica.maya(), input));
		assertThat(logged.created()).isTrue();
		assertThat(stored(logged.session().id()).exercises()).hasSize(input.exercises().size());
	}

	record Stored(int sessions, List<String> exercises, List<Boolean> skipped, int auditEntries) {}

	/** What the database holds of the session, read as the application's role in the clinic, without the ORM. */
	private Stored stored(UUID session) throws SQLException {
		try (var connection = application()) {
			int count;
			try (var statement = connection.prepareStatement("select count(*) from programs.session where id = ?")) {
				statement.setObject(1, session);
				try (var rows = statement.executeQuery()) {
					rows.next();
					count = rows.getInt(1);
				}
			}
			var slugs = new ArrayList<String>();
			var skipped = new ArrayList<Boolean>();
			try (var statement = connection.prepareStatement(
					"select exercise_slug, skipped from programs.session_exercise where session_id = ? order by position")) {
				statement.setObject(1, session);
				try (var rows = statement.executeQuery()) {
					while (rows.next()) {
						slugs.add(rows.getString(1));
						skipped.add(rows.getBoolean(2));
					}
				}
			}
			int audited;
			try (var statement = connection.prepareStatement("""
					select count(*) from platform.audit_event
					where patient_id = ? and resource = 'session' and action = 'WRITE' and outcome = 'SUCCESS'""")) {
				statement.setObject(1, sciatica.maya().id());
				try (var rows = statement.executeQuery()) {
					rows.next();
					audited = rows.getInt(1);
				}
			}
			return new Stored(count, slugs, skipped, audited);
		}
	}

	private Connection application() throws SQLException {
		var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(), database.getPassword());
		connection.setAutoCommit(false);
		try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			bind.setString(1, sciatica.clinic().value());
			bind.execute();
		}
		return connection;
	}

	private void owner(String sql) throws SQLException {
		try (var owner = DriverManager.getConnection(database.getJdbcUrl(), "stride_owner", "stride-owner");
				var statement = owner.createStatement()) {
			statement.execute(sql);
		}
	}
}
