package health.stride.patients;

import static health.stride.patients.PatientFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The database keeps every table of the patient record to its clinic, also for code that goes
 * around the services: plain JDBC as the application role sees another clinic's rows in none of them.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class PatientRowLevelSecurityTests {

	private static final List<String> TABLES = List.of("patients.patient", "patients.consent", "patients.intake",
			"patients.red_flag_report", "patients.care_team", "patients.status_change", "patients.consent_version",
			"patients.episode", "patients.episode_intake");

	private final JdbcConnectionDetails database;
	private final ClinicRegistry clinics;
	private final PatientDirectory directory;
	private final Consents consents;
	private final Intakes intakes;
	private final CareTeams careTeams;
	private final Episodes episodes;

	PatientRowLevelSecurityTests(JdbcConnectionDetails database, ClinicRegistry clinics, PatientDirectory directory,
			Consents consents, Intakes intakes, CareTeams careTeams, Episodes episodes) {
		this.episodes = episodes;
		this.database = database;
		this.clinics = clinics;
		this.directory = directory;
		this.consents = consents;
		this.intakes = intakes;
		this.careTeams = careTeams;
	}

	@Test
	void anotherClinicSeesNoRowOfAPatientRecord() throws SQLException {

		var clinicA = clinics.register(TenantId.of("a-" + UUID.randomUUID()), "Clinic A").tenant();
		var clinicB = clinics.register(TenantId.of("b-" + UUID.randomUUID()), "Clinic B").tenant();

		CurrentTenant.runAs(clinicA, () -> {
			var maya = directory.register(patient("patient.maya", "WA"));
			consents.publish(ConsentDocument.PRIVACY, "Clinic A keeps your record.", null, "admin.a");
			for (var document : ConsentDocument.values()) {
				consents.accept(maya, document, consents.currentVersion(document));
			}
			intakes.submit(maya, answers(RedFlag.FEVER));
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex"), null);
			var alex = user(clinicA, "pt.alex", Role.THERAPIST);
			episodes.discharge(maya, Episodes.Discharge.of(DischargeReason.GOALS_MET, "Goals met"), alex);
			episodes.reactivate(maya, alex);
		});

		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {

			connection.setAutoCommit(false);
			for (var table : TABLES) {
				assertThat(rows(connection, table, clinicB)).as("rows of %s seen by another clinic", table).isZero();
				assertThat(rows(connection, table, clinicA)).as("rows of %s seen by the clinic", table).isPositive();
			}
			connection.rollback();
		}
	}

	private static int rows(Connection connection, String table, TenantId tenant) throws SQLException {

		try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			bind.setString(1, tenant.value());
			bind.execute();
		}
		try (var statement = connection.createStatement();
				var result = statement.executeQuery("select count(*) from " + table)) {
			result.next();
			return result.getInt(1);
		}
	}
}
