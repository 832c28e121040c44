package health.stride.app;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianSummary;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@SpringBootTest
class DemoDataTests {

	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;

	@Test
	void seedsTheContractsClinicsAndCliniciansOnceHoweverOftenItRuns() {

		var demoData = new DemoData(clinics, clinicians);

		demoData.run(new DefaultApplicationArguments());
		demoData.run(new DefaultApplicationArguments());

		assertThat(clinics.find(TenantId.of("northside"))).map(it -> it.name()).hasValue("Northside Physio");
		assertThat(clinics.find(TenantId.of("lakeside"))).map(it -> it.name()).hasValue("Lakeside Therapy");

		assertThat(CurrentTenant.callAs(TenantId.of("northside"), clinicians::all))
				.extracting(ClinicianSummary::username)
				.containsExactlyInAnyOrder("pt.alex", "pt.sam", "coach.rio");
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> clinicians.findByUsername("pt.alex")))
				.hasValueSatisfying(it -> assertThat(it.licensedStates()).containsExactly("OR", "WA"));
		assertThat(CurrentTenant.callAs(TenantId.of("lakeside"), clinicians::all))
				.extracting(ClinicianSummary::username)
				.containsExactly("pt.jordan");
	}
}
