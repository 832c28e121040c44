package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** A patient reads their own Patient resource, valid against R4, and nobody else's. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class PatientResourceTests {

	private final ClinicRegistry clinics;
	private final PatientDirectory patients;
	private final PatientResources resources;

	private TenantId clinic;
	private PatientId maya;
	private PatientId leo;

	PatientResourceTests(ClinicRegistry clinics, PatientDirectory patients, PatientResources resources) {
		this.clinics = clinics;
		this.patients = patients;
		this.resources = resources;
	}

	@BeforeEach
	void twoPatients() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		maya = CurrentTenant.callAs(clinic, () -> register("Maya"));
		leo = CurrentTenant.callAs(clinic, () -> register("Leo"));
	}

	@Test
	void aPatientReadsTheirOwnValidRecordAndNoOtherPatients() {

		var self = Requester.patient(new StrideUser("sub-maya", "maya", java.util.List.of(clinic), java.util.Set.of(Role.PATIENT)),
				clinic, maya);

		var own = CurrentTenant.callAs(clinic, () -> resources.read(maya.id().toString(), self));
		assertThat(own).hasValueSatisfying(patient -> {
			assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Tester");
			assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1980-05-17");
			assertThat(FhirValidation.errors(patient)).isEmpty();
		});
		assertThat(CurrentTenant.callAs(clinic, () -> resources.read(leo.id().toString(), self))).isEmpty();
	}

	private PatientId register(String firstName) {
		return patients.register(new NewPatient(UUID.randomUUID().toString(),
				firstName.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 6), firstName, "Tester",
				LocalDate.of(1980, 5, 17), firstName.toLowerCase() + "@example.org", null, "WA", "America/Los_Angeles"));
	}
}
