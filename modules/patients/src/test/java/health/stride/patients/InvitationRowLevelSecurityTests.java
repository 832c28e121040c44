package health.stride.patients;

import static org.assertj.core.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.patients.PatientInvitations.Invitation;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Who invited a patient is the clinic's alone, also for code that goes around the services: plain
 * JDBC as the application role neither sees nor writes another clinic's invitations.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class InvitationRowLevelSecurityTests {

	private final JdbcConnectionDetails database;
	private final ClinicRegistry clinics;
	private final PatientInvitations invitations;

	InvitationRowLevelSecurityTests(JdbcConnectionDetails database, ClinicRegistry clinics,
			PatientInvitations invitations) {
		this.database = database;
		this.clinics = clinics;
		this.invitations = invitations;
	}

	@Test
	void anotherClinicNeitherSeesNorWritesAClinicsInvitations() throws SQLException {

		var clinicA = clinics.register(TenantId.of("a-" + UUID.randomUUID()), "Clinic A").tenant();
		var clinicB = clinics.register(TenantId.of("b-" + UUID.randomUUID()), "Clinic B").tenant();
		var nora = CurrentTenant.callAs(clinicA, () -> invitations.invite(new Invitation("Nora", "Reyes",
				LocalDate.of(1979, 5, 2), "nora-" + UUID.randomUUID() + "@example.org", "WA", null, "Dr. Chen",
				PaymentMethod.SELF_PAY, null, null, null), "pt.alex"));

		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {

			connection.setAutoCommit(false);
			assertThat(database.getUsername()).isEqualTo("stride_app");
			assertThat(rows(connection, clinicB)).as("another clinic's view").isZero();
			assertThat(rows(connection, clinicA)).as("the clinic's own view").isEqualTo(1);

			bind(connection, clinicB);
			try (var update = connection.prepareStatement("update patients.invitation set invited_by = 'x' where patient_id = ?")) {
				update.setObject(1, nora.id());
				assertThat(update.executeUpdate()).as("rows another clinic could change").isZero();
			}
			try (var insert = connection.prepareStatement("""
					insert into patients.invitation (tenant_id, patient_id, invited_by, invited_at, email_key, person_key)
					values (?, ?, 'x', now(), 'e', 'p')""")) {
				insert.setString(1, clinicA.value());
				insert.setObject(2, nora.id());
				assertThatExceptionOfType(SQLException.class).as("a row written for another clinic")
						.isThrownBy(insert::executeUpdate);
			}
			connection.rollback();
		}
	}

	private static int rows(Connection connection, TenantId tenant) throws SQLException {
		bind(connection, tenant);
		try (var statement = connection.createStatement();
				var result = statement.executeQuery("select count(*) from patients.invitation")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static void bind(Connection connection, TenantId tenant) throws SQLException {
		try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			bind.setString(1, tenant.value());
			bind.execute();
		}
	}
}
