package health.stride.patients;

import static health.stride.patients.PatientFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;

/** A clinic's own consent texts: each publication is a new version its patients agree to again. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class ConsentVersionTests {

	private final ClinicRegistry clinics;
	private final PatientDirectory directory;
	private final Consents consents;
	private final ConsentVersions defaults;
	private final JdbcConnectionDetails database;

	private TenantId north;
	private TenantId lake;
	private PatientId maya;

	ConsentVersionTests(ClinicRegistry clinics, PatientDirectory directory, Consents consents, ConsentVersions defaults,
			JdbcConnectionDetails database) {
		this.clinics = clinics;
		this.directory = directory;
		this.consents = consents;
		this.defaults = defaults;
		this.database = database;
	}

	@BeforeEach
	void twoClinicsAndAPatientWhoAgreedToTheDefaults() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant();
		maya = CurrentTenant.callAs(north, () -> {
			var id = directory.register(patient("patient.maya", "WA"));
			for (var document : ConsentDocument.values()) {
				consents.accept(id, document, consents.currentVersion(document));
			}
			return id;
		});
	}

	@Test
	void asksAgainForEachNewVersionAndKeepsEveryAgreement() {

		CurrentTenant.runAs(north, () -> {
			assertThat(consents.currentVersion(ConsentDocument.PRIVACY)).isEqualTo(defaults.privacy());
			assertThat(consents.published(ConsentDocument.PRIVACY)).isEmpty();

			var first = consents.publish(ConsentDocument.PRIVACY, "  We keep your record.\n\nWe never sell it.  ", " ", "admin.nora");
			assertThat(first.version()).isEqualTo("1");
			assertThat(first.english()).isEqualTo("We keep your record.\n\nWe never sell it.");
			assertThat(first.spanish()).as("blank is no Spanish text").isNull();
			assertThat(first.text(Language.SPANISH)).as("Spanish falls back to English").isEqualTo(first.english());
			assertThat(consents.currentVersion(ConsentDocument.PRIVACY)).isEqualTo("1");
			assertThat(consents.currentVersion(ConsentDocument.TELEHEALTH)).isEqualTo(defaults.telehealth());
			assertThat(consents.outstanding(maya)).containsExactly(ConsentDocument.PRIVACY);

			assertThatExceptionOfType(Consents.OutdatedVersion.class)
					.isThrownBy(() -> consents.accept(maya, ConsentDocument.PRIVACY, defaults.privacy()));
			consents.accept(maya, ConsentDocument.PRIVACY, "1");
			assertThat(consents.outstanding(maya)).isEmpty();

			var second = consents.publish(ConsentDocument.PRIVACY, "We keep your record for ten years.",
					"Guardamos su expediente diez años.", "admin.nora");
			assertThat(second.version()).isEqualTo("2");
			assertThat(second.text(Language.SPANISH)).isEqualTo("Guardamos su expediente diez años.");
			assertThat(consents.outstanding(maya)).containsExactly(ConsentDocument.PRIVACY);
			consents.accept(maya, ConsentDocument.PRIVACY, "2");

			assertThat(consents.given(maya)).filteredOn(it -> it.document() == ConsentDocument.PRIVACY)
					.extracting(Consents.Consent::version).containsExactly(defaults.privacy(), "1", "2");
			assertThat(consents.history(ConsentDocument.PRIVACY)).extracting(Consents.Published::version)
					.containsExactly("2", "1");
		});

		CurrentTenant.runAs(lake, () -> {
			assertThat(consents.currentVersion(ConsentDocument.PRIVACY)).as("another clinic's versions")
					.isEqualTo(defaults.privacy());
			assertThat(consents.history(ConsentDocument.PRIVACY)).isEmpty();
		});
	}

	@Test
	void refusesAVersionWithoutEnglishOrTooLongAndPublishesNothing() {

		CurrentTenant.runAs(north, () -> {
			assertThatExceptionOfType(InvalidInput.class)
					.isThrownBy(() -> consents.publish(ConsentDocument.TELEHEALTH, "  ", "Texto", "admin.nora"))
					.satisfies(invalid -> assertThat(invalid.problems()).containsOnlyKeys("english"));
			assertThatExceptionOfType(InvalidInput.class)
					.isThrownBy(() -> consents.publish(ConsentDocument.TELEHEALTH, "Fine",
							"x".repeat(Consents.Published.MAX_LENGTH + 1), "admin.nora"))
					.satisfies(invalid -> assertThat(invalid.problems()).containsOnlyKeys("spanish"));
			assertThatExceptionOfType(InvalidInput.class)
					.isThrownBy(() -> consents.publish(ConsentDocument.TELEHEALTH, "Bad\u0000text", null, "admin.nora"))
					.satisfies(invalid -> assertThat(invalid.problems()).containsOnlyKeys("english"));
			assertThat(consents.history(ConsentDocument.TELEHEALTH)).isEmpty();
			assertThat(consents.outstanding(maya)).isEmpty();
		});
	}

	@Test
	void keepsAClinicsVersionsFromAnotherClinicInTheDatabase() throws SQLException {

		CurrentTenant.runAs(north, () -> consents.publish(ConsentDocument.TELEHEALTH, "North's own words.", null, "admin.nora"));

		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			connection.setAutoCommit(false);
			assertThat(count(connection, lake)).as("versions another clinic sees").isZero();
			assertThat(count(connection, north)).as("versions the clinic sees").isEqualTo(1);
			try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
				bind.setString(1, lake.value());
				bind.execute();
			}
			try (var insert = connection.prepareStatement("""
					insert into patients.consent_version (tenant_id, document, version, text_en, published_at, published_by)
					values (?, 'TELEHEALTH', 9, 'Planted', now(), 'intruder')""")) {
				insert.setString(1, north.value());
				assertThatExceptionOfType(SQLException.class).as("writing into another clinic's versions")
						.isThrownBy(insert::executeUpdate);
			}
			connection.rollback();
		}
		assertThat(CurrentTenant.callAs(north, () -> consents.currentVersion(ConsentDocument.TELEHEALTH))).isEqualTo("1");
	}

	private static int count(java.sql.Connection connection, TenantId tenant) throws SQLException {
		try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			bind.setString(1, tenant.value());
			bind.execute();
		}
		try (var statement = connection.createStatement();
				var result = statement.executeQuery("select count(*) from patients.consent_version")) {
			result.next();
			return result.getInt(1);
		}
	}
}
