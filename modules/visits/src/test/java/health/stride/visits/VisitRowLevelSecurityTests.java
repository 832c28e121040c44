package health.stride.visits;

import static org.assertj.core.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.modulith.test.ApplicationModuleTest;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The database's own guard over visits, seen with plain JDBC as the application role: one clinic
 * neither reads, changes nor adds another clinic's visits, whatever the code above it asks.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
class VisitRowLevelSecurityTests {

	private static final String INSUFFICIENT_PRIVILEGE = "42501";
	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private final JdbcConnectionDetails database;
	private final ClinicRegistry clinics;
	private final Hosts hosts;
	private final Schedules schedules;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Visits visits;

	private TenantId clinicA, clinicB;
	private VisitId visitOfA;

	VisitRowLevelSecurityTests(JdbcConnectionDetails database, ClinicRegistry clinics, Hosts hosts, Schedules schedules,
			VisitTypes types, PatientDirectory patients, CareTeams careTeams, Visits visits) {
		this.database = database;
		this.clinics = clinics;
		this.hosts = hosts;
		this.schedules = schedules;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.visits = visits;
	}

	@BeforeEach
	void twoClinicsAndAVisitInTheFirst() {

		clinicA = clinics.register(TenantId.of("a-" + UUID.randomUUID()), "Clinic A").tenant();
		clinicB = clinics.register(TenantId.of("b-" + UUID.randomUUID()), "Clinic B").tenant();
		Awaitility.await().until(() -> CurrentTenant.callAs(clinicA, () -> types.all().size()) == 4);
		var admin = new StrideUser("x", "admin.kim", List.of(clinicA), Set.of(Role.CLINIC_ADMIN));
		visitOfA = CurrentTenant.callAs(clinicA, () -> {
			var alex = VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.alex", "Alex Morgan, PT",
					HostKind.THERAPIST, LOS_ANGELES, Duration.ZERO);
			var maya = VisitsFixtures.patient(patients, careTeams, "patient.maya", "maya@example.org", alex, null);
			return visits.book(admin, maya, alex.clinicianId(), "follow-up",
					LocalDate.now(LOS_ANGELES).plusDays(1).atTime(9, 0).atZone(LOS_ANGELES).toInstant());
		});
	}

	@Test
	void connectsAsTheApplicationRole() throws SQLException {
		try (var connection = connect()) {
			assertThat(single(connection, "select current_user")).isEqualTo("stride_app");
		}
	}

	@Test
	void readsNoVisitWithoutAClinicAndNoneOfAnotherClinic() throws SQLException {

		try (var connection = connect()) {
			assertThat(visitIds(connection)).isEmpty();

			connection.setAutoCommit(false);
			bind(connection, clinicB);
			assertThat(visitIds(connection)).isEmpty();
			connection.rollback();

			bind(connection, clinicA);
			assertThat(visitIds(connection)).containsExactly(visitOfA.id().toString());
			connection.rollback();
		}
	}

	@Test
	void neitherCancelsNorMovesNorDeletesAnotherClinicsVisit() throws SQLException {

		try (var connection = connect()) {
			connection.setAutoCommit(false);
			bind(connection, clinicB);
			assertThat(update(connection, "update visits.visit set status = 'CANCELLED', cancelled_at = now() where id = ?"))
					.isZero();
			assertThat(update(connection, "update visits.visit set starts_at = starts_at + interval '1 hour', "
					+ "ends_at = ends_at + interval '1 hour', held_until = held_until + interval '1 hour' where id = ?")).isZero();
			assertThat(update(connection, "delete from visits.visit where id = ?")).isZero();
			connection.commit();
		}
		assertThat(CurrentTenant.callAs(clinicA, () -> visits.find(visitOfA))).get().extracting(Visit::isBooked)
				.isEqualTo(true);
	}

	@Test
	void refusesAVisitWrittenIntoAnotherClinic() throws SQLException {

		try (var connection = connect()) {
			connection.setAutoCommit(false);
			bind(connection, clinicB);
			try (var statement = connection.prepareStatement("""
					insert into visits.visit (tenant_id, id, patient_id, host_id, type_key, starts_at, ends_at, held_until,
					                          status, booked_by, booked_at)
					select ?, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'follow-up', ?, ?, ?, 'BOOKED', 'x', now()""")) {
				var at = Timestamp.from(java.time.Instant.now().plus(Duration.ofDays(2)));
				statement.setString(1, clinicA.value());
				statement.setTimestamp(2, at);
				statement.setTimestamp(3, Timestamp.from(at.toInstant().plus(Duration.ofMinutes(30))));
				statement.setTimestamp(4, Timestamp.from(at.toInstant().plus(Duration.ofMinutes(30))));
				assertThatExceptionOfType(SQLException.class).isThrownBy(statement::executeUpdate)
						.satisfies(it -> assertThat(it.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
			}
			connection.rollback();
		}
	}

	@Test
	void keepsEachClinicsVisitNotesAndAddendaToItself() throws SQLException {

		try (var connection = connect()) {
			connection.setAutoCommit(false);
			bind(connection, clinicA);
			try (var statement = connection.prepareStatement("""
					insert into visits.visit_note (visit_id, subjective, objective, assessment, plan, minutes, drafted_by,
					                               drafted_at, signed_by, signed_at)
					values (?, 'S', 'O', 'A', 'P', 30, 'pt.alex', now(), 'pt.alex', now())""")) {
				statement.setObject(1, visitOfA.id());
				statement.executeUpdate();
			}
			try (var statement = connection.prepareStatement("""
					insert into visits.visit_note_addendum (id, visit_id, body, signed_by, signed_at)
					values (gen_random_uuid(), ?, 'Later.', 'pt.alex', now())""")) {
				statement.setObject(1, visitOfA.id());
				statement.executeUpdate();
			}
			connection.commit();

			bind(connection, clinicA);
			assertThat(count(connection, "select count(*) from visits.visit_note")).isOne();
			assertThat(count(connection, "select count(*) from visits.visit_note_addendum")).isOne();
			connection.rollback();

			bind(connection, clinicB);
			assertThat(count(connection, "select count(*) from visits.visit_note")).isZero();
			assertThat(count(connection, "select count(*) from visits.visit_note_addendum")).isZero();
			try (var statement = connection.prepareStatement("""
					insert into visits.visit_note (tenant_id, visit_id, subjective, drafted_by, drafted_at)
					values (?, ?, 'Written from B.', 'pt.sam', now())""")) {
				statement.setString(1, clinicA.value());
				statement.setObject(2, visitOfA.id());
				assertThatExceptionOfType(SQLException.class).isThrownBy(statement::executeUpdate)
						.satisfies(it -> assertThat(it.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
			}
			connection.rollback();
		}
		try (var connection = connect()) {
			assertThat(count(connection, "select count(*) from visits.visit_note")).as("no clinic bound").isZero();
			assertThat(count(connection, "select count(*) from visits.visit_note_addendum")).isZero();
		}
	}

	private static long count(Connection connection, String sql) throws SQLException {
		return Long.parseLong(single(connection, sql));
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(), database.getPassword());
	}

	private static void bind(Connection connection, TenantId tenant) throws SQLException {
		try (var statement = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			statement.setString(1, tenant.value());
			statement.execute();
		}
	}

	private int update(Connection connection, String sql) throws SQLException {
		try (var statement = connection.prepareStatement(sql)) {
			statement.setObject(1, visitOfA.id());
			return statement.executeUpdate();
		}
	}

	private static List<String> visitIds(Connection connection) throws SQLException {
		var ids = new ArrayList<String>();
		try (var statement = connection.createStatement();
				var rows = statement.executeQuery("select id from visits.visit")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}
}
