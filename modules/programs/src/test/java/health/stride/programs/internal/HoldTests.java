package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The hold a red flag puts on exercise, as only programs' own red-flag listener changes it. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class HoldTests {

	private final PlanService plans;
	private final ClinicRegistry clinics;

	HoldTests(PlanService plans, ClinicRegistry clinics) {
		this.plans = plans;
		this.clinics = clinics;
	}

	@Test
	void aRedeliveredReportKeepsTheFirstHoldAndAnEmergencyStaysOne() {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var patient = new PatientId(UUID.randomUUID());

		CurrentTenant.runAs(clinic, () -> plans.hold(patient, true));
		var first = CurrentTenant.callAs(clinic, () -> plans.holdOf(patient)).orElseThrow();
		CurrentTenant.runAs(clinic, () -> plans.hold(patient, false));

		assertThat(CurrentTenant.callAs(clinic, () -> plans.holdOf(patient))).contains(first);
		assertThat(first.emergency()).isTrue();

		CurrentTenant.runAs(clinic, () -> plans.release(patient));
		assertThat(CurrentTenant.callAs(clinic, () -> plans.holdOf(patient))).isEmpty();
	}
}
