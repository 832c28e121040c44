package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.careteams.internal.LicenseRecords;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.FieldErrors;

/** The license rule gives one answer, asked in Java or in SQL. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class LicenseRuleTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final LicenseRecords records;

	LicenseRuleTests(ClinicRegistry clinics, ClinicianManagement clinicians, LicenseRecords records) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.records = records;
	}

	@Test
	void answersTheSameInJavaAndSqlOnTheDaysAroundTheExpiry() {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var expiry = LocalDate.of(2027, 3, 31);
		var license = new License("WA", LicenseKind.LICENSE, "PT 1", expiry);
		var therapist = CurrentTenant.callAs(clinic,
				() -> clinicians.add("pt.edge", "Edge, PT", ClinicianRole.THERAPIST, List.of(license)));

		assertThat(license.licensedIn("WA", expiry)).as("valid through the expiry day").isTrue();
		assertThat(license.licensedIn("WA", expiry.plusDays(1))).as("expired the day after").isFalse();
		for (var day : List.of(expiry.minusDays(1), expiry, expiry.plusDays(1))) {
			for (var state : List.of("WA", "OR")) {
				assertThat(CurrentTenant.callAs(clinic, () -> records.licensed(therapist, state, day)))
						.as("%s on %s", state, day).isEqualTo(license.licensedIn(state, day));
			}
		}
	}

	@Test
	void aTypedLicenseNamesEachBrokenRuleByItsField() {

		var today = LocalDate.of(2026, 12, 1);
		var errors = new FieldErrors();

		assertThat(License.typed("Washington", null, " ", "2026-11-30", today, errors)).isNull();
		assertThat(errors.asMap()).containsOnlyKeys("licenseState", "licenseKind", "licenseNumber", "licenseExpires");
		assertThat(errors.asMap().get("licenseExpires").getCodes()).containsExactly("careteams.license.expires.past");

		var fine = new FieldErrors();
		assertThat(License.typed(" wa ", LicenseKind.COMPACT_PRIVILEGE, "PT 7", "2026-12-01", today, fine))
				.isEqualTo(new License("WA", LicenseKind.COMPACT_PRIVILEGE, "PT 7", today));
		assertThat(fine.isEmpty()).isTrue();
	}
}
