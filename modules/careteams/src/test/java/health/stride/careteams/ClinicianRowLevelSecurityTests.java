package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.modulith.test.ApplicationModuleTest;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The database's own guard, seen with plain JDBC as the application role: row-level security
 * keeps clinics apart even for code that bypasses Hibernate.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
class ClinicianRowLevelSecurityTests {

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private final JdbcConnectionDetails database;
	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;

	private TenantId clinicA, clinicB;

	ClinicianRowLevelSecurityTests(JdbcConnectionDetails database, ClinicRegistry clinics,
			ClinicianManagement clinicians) {
		this.database = database;
		this.clinics = clinics;
		this.clinicians = clinicians;
	}

	@BeforeEach
	void twoClinicsWithClinicians() {

		clinicA = clinics.register(TenantId.of("a-" + UUID.randomUUID()), "Clinic A").tenant();
		clinicB = clinics.register(TenantId.of("b-" + UUID.randomUUID()), "Clinic B").tenant();

		CurrentTenant.runAs(clinicA, () -> {
			clinicians.add("pt.one", "One", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("pt.two", "Two", ClinicianRole.THERAPIST, Licenses.valid("OR"));
		});
		CurrentTenant.runAs(clinicB, () -> clinicians.add("pt.three", "Three", ClinicianRole.THERAPIST, Licenses.valid("CA")));
	}

	@Test
	void connectsAsTheApplicationRoleThatOwnsNothingAndCannotBypassSecurity() throws SQLException {

		try (var connection = connect()) {
			assertThat(single(connection, "select current_user")).isEqualTo("stride_app");
			assertThat(single(connection, "select rolbypassrls or rolsuper from pg_roles where rolname = current_user"))
					.isEqualTo("f");
			assertThat(single(connection, "select count(*) from pg_class where relowner = current_user::regrole"))
					.isEqualTo("0");
		}
	}

	@Test
	void readsNoRowWithoutATenant() throws SQLException {

		try (var connection = connect()) {
			assertThat(tenantsOfClinicians(connection)).isEmpty();
		}
	}

	@Test
	void readsOnlyTheRowsOfTheTenantSet() throws SQLException {

		try (var connection = connect()) {

			connection.setAutoCommit(false);
			bind(connection, clinicA);

			assertThat(tenantsOfClinicians(connection)).containsExactly(clinicA.value(), clinicA.value());

			connection.commit();
		}
	}

	@Test
	void refusesToInsertARowForAnotherTenant() throws SQLException {

		try (var connection = connect()) {

			connection.setAutoCommit(false);
			bind(connection, clinicA);

			assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> insertClinician(connection, clinicB))
					.satisfies(it -> assertThat(it.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));

			connection.rollback();
		}
	}

	@Test
	void refusesToInsertARowWithoutATenant() throws SQLException {

		try (var connection = connect()) {
			assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> insertClinician(connection, clinicA))
					.satisfies(it -> assertThat(it.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
		}
	}

	@Test
	void neitherChangesNorDeletesAnotherTenantsRows() throws SQLException {

		try (var connection = connect()) {

			connection.setAutoCommit(false);
			bind(connection, clinicA);

			assertThat(update(connection, "update careteams.clinician set display_name = 'x' where tenant_id = ?", clinicB))
					.isZero();
			assertThat(update(connection, "delete from careteams.clinician where tenant_id = ?", clinicB)).isZero();

			connection.commit();
		}

		assertThat(CurrentTenant.callAs(clinicB, clinicians::all)).extracting(ClinicianSummary::displayName)
				.containsExactly("Three");
	}

	@Test
	void refusesToMoveARowToAnotherTenant() throws SQLException {

		try (var connection = connect()) {

			connection.setAutoCommit(false);
			bind(connection, clinicA);

			try (var statement = connection.prepareStatement("update careteams.clinician set tenant_id = ?")) {
				statement.setString(1, clinicB.value());
				assertThatExceptionOfType(SQLException.class).isThrownBy(statement::executeUpdate)
						.satisfies(it -> assertThat(it.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
			}

			connection.rollback();
		}
	}

	@Test
	void forgetsTheTenantWhenThePooledConnectionIsReused() throws SQLException {

		var config = new HikariConfig();
		config.setJdbcUrl(database.getJdbcUrl());
		config.setUsername(database.getUsername());
		config.setPassword(database.getPassword());
		config.setMaximumPoolSize(1);

		try (var pool = new HikariDataSource(config)) {

			String firstBackend;

			try (var connection = pool.getConnection()) {
				connection.setAutoCommit(false);
				bind(connection, clinicA);
				assertThat(tenantsOfClinicians(connection)).hasSize(2);
				firstBackend = single(connection, "select pg_backend_pid()");
				connection.commit();
			}

			try (var connection = pool.getConnection()) {
				connection.setAutoCommit(false);
				assertThat(single(connection, "select pg_backend_pid()")).isEqualTo(firstBackend);
				assertThat(tenantsOfClinicians(connection)).isEmpty();
				connection.commit();
			}
		}
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

	private static List<String> tenantsOfClinicians(Connection connection) throws SQLException {

		var tenants = new ArrayList<String>();

		try (var statement = connection.createStatement();
				var rows = statement.executeQuery("select tenant_id from careteams.clinician order by tenant_id")) {
			while (rows.next()) {
				tenants.add(rows.getString(1));
			}
		}

		return tenants;
	}

	private static void insertClinician(Connection connection, TenantId tenant) throws SQLException {
		try (var statement = connection.prepareStatement("""
				insert into careteams.clinician (tenant_id, id, username, display_name, role, created_at)
				values (?, ?, 'pt.intruder', 'Intruder', 'THERAPIST', now())""")) {
			statement.setString(1, tenant.value());
			statement.setObject(2, UUID.randomUUID());
			statement.executeUpdate();
		}
	}

	private static int update(Connection connection, String sql, TenantId tenant) throws SQLException {
		try (var statement = connection.prepareStatement(sql)) {
			statement.setString(1, tenant.value());
			return statement.executeUpdate();
		}
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}
}
