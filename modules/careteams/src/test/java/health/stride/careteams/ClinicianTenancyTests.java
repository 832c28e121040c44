package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.modulith.test.ApplicationModuleTest;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Hibernate's view of tenancy: what one clinic saves, another clinic's session cannot see.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
class ClinicianTenancyTests {

	private final ClinicianManagement clinicians;
	private final ClinicRegistry clinics;

	private TenantId clinicA, clinicB;

	ClinicianTenancyTests(ClinicianManagement clinicians, ClinicRegistry clinics) {
		this.clinicians = clinicians;
		this.clinics = clinics;
	}

	@BeforeEach
	void registerTwoClinics() {
		clinicA = clinics.register(TenantId.of("a-" + UUID.randomUUID()), "Clinic A").tenant();
		clinicB = clinics.register(TenantId.of("b-" + UUID.randomUUID()), "Clinic B").tenant();
	}

	@Test
	void findsAClinicianOnlyInTheClinicThatSavedIt() {

		var id = CurrentTenant.callAs(clinicA,
				() -> clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST, Licenses.valid("wa", "OR")));

		assertThat(CurrentTenant.callAs(clinicA, () -> clinicians.find(id)))
				.hasValueSatisfying(it -> assertThat(it.licensedStates()).containsExactly("OR", "WA"));
		assertThat(CurrentTenant.callAs(clinicB, () -> clinicians.find(id))).isEmpty();
		assertThat(CurrentTenant.callAs(clinicB, () -> clinicians.findByUsername("pt.alex"))).isEmpty();
		assertThat(CurrentTenant.callAs(clinicB, clinicians::all)).isEmpty();
	}

	@Test
	void letsTwoClinicsUseTheSameUsername() {

		var inA = CurrentTenant.callAs(clinicA,
				() -> clinicians.add("coach.rio", "Rio Tanaka", ClinicianRole.COACH, Licenses.valid()));
		var inB = CurrentTenant.callAs(clinicB,
				() -> clinicians.add("coach.rio", "Rio Silva", ClinicianRole.COACH, Licenses.valid()));

		assertThat(CurrentTenant.callAs(clinicA, clinicians::all)).extracting(ClinicianSummary::id).containsExactly(inA);
		assertThat(CurrentTenant.callAs(clinicB, clinicians::all)).extracting(ClinicianSummary::id).containsExactly(inB);
	}

	@Test
	void seesNoClinicianWithoutATenant() {

		CurrentTenant.runAs(clinicA, () -> clinicians.add("pt.sam", "Sam Okafor, PT", ClinicianRole.THERAPIST,
				Licenses.valid("CA")));

		assertThat(clinicians.findByUsername("pt.sam")).isEmpty();
		assertThat(clinicians.all()).isEmpty();
	}

	@Test
	void refusesToSaveAClinicianWithoutATenant() {

		assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> clinicians.add("pt.nobody", "Nobody", ClinicianRole.THERAPIST, Licenses.valid()));
	}

	@Test
	void rejectsALicenseStateThatIsNotAStateCode() {

		assertThatIllegalArgumentException().isThrownBy(() -> CurrentTenant.runAs(clinicA,
				() -> clinicians.add("pt.x", "X", ClinicianRole.THERAPIST, Licenses.valid("Washington"))));
	}
}
