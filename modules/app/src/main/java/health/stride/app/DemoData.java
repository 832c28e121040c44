package health.stride.app;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The demo clinics and their people from the contract, for the local run. Adds only what is
 * missing, so restarting keeps whatever was changed in between.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

	record DemoClinician(String username, String displayName, ClinicianRole role, Set<String> licensedStates) {}

	record DemoClinic(TenantId id, String name, List<DemoClinician> clinicians) {}

	static final List<DemoClinic> CLINICS = List.of(
			new DemoClinic(TenantId.of("northside"), "Northside Physio", List.of(
					new DemoClinician("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST, Set.of("WA", "OR")),
					new DemoClinician("pt.sam", "Sam Okafor, PT", ClinicianRole.THERAPIST, Set.of("CA")),
					new DemoClinician("coach.rio", "Rio Tanaka", ClinicianRole.COACH, Set.of()))),
			new DemoClinic(TenantId.of("lakeside"), "Lakeside Therapy", List.of(
					new DemoClinician("pt.jordan", "Jordan Reyes, PT", ClinicianRole.THERAPIST, Set.of("WA")))));

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;

	DemoData(ClinicRegistry clinics, ClinicianManagement clinicians) {
		this.clinics = clinics;
		this.clinicians = clinicians;
	}

	@Override
	public void run(ApplicationArguments args) {

		for (var clinic : CLINICS) {

			if (!clinics.isRegistered(clinic.id())) {
				clinics.register(clinic.id(), clinic.name());
				LOG.info("Registered demo clinic {}", clinic.id());
			}

			CurrentTenant.runAs(clinic.id(), () -> clinic.clinicians().stream()
					.filter(it -> clinicians.findByUsername(it.username()).isEmpty())
					.forEach(it -> clinicians.add(it.username(), it.displayName(), it.role(), it.licensedStates())));
		}
	}
}
