package health.stride.app;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianManagement;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
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

	record DemoSponsor(SponsorCode code, String name, SponsorKind kind, String contact, String contactEmail,
			String administrator, int members, long seed) {}

	record DemoClinic(TenantId id, String name, List<DemoClinician> clinicians, DemoSponsor sponsor) {}

	static final List<DemoClinic> CLINICS = List.of(
			new DemoClinic(TenantId.of("northside"), "Northside Physio", List.of(
					new DemoClinician("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST, Set.of("WA", "OR")),
					new DemoClinician("pt.sam", "Sam Patel, PT", ClinicianRole.THERAPIST, Set.of("CA")),
					new DemoClinician("coach.rio", "Rio Santos", ClinicianRole.COACH, Set.of())),
					new DemoSponsor(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, "Priya Shah",
							"benefits@acme-logistics.example", "sponsor.acme", 320, 7)),
			new DemoClinic(TenantId.of("lakeside"), "Lakeside Therapy", List.of(
					new DemoClinician("pt.jordan", "Jordan Reyes, PT", ClinicianRole.THERAPIST, Set.of("WA"))),
					new DemoSponsor(SponsorCode.of("CASCADE"), "Cascade Health Plan", SponsorKind.HEALTH_PLAN, "Tom Becker",
							"eligibility@cascade-health.example", "sponsor.bluecross", 450, 11)));

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;

	DemoData(ClinicRegistry clinics, ClinicianManagement clinicians, SponsorManagement sponsors, RosterImports rosters) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.sponsors = sponsors;
		this.rosters = rosters;
	}

	@Override
	public void run(ApplicationArguments args) {

		for (var clinic : CLINICS) {

			if (!clinics.isRegistered(clinic.id())) {
				clinics.register(clinic.id(), clinic.name());
				LOG.info("Registered demo clinic {}", clinic.id());
			}

			CurrentTenant.runAs(clinic.id(), () -> {
				clinic.clinicians().stream()
						.filter(it -> clinicians.findByUsername(it.username()).isEmpty())
						.forEach(it -> clinicians.add(it.username(), it.displayName(), it.role(), it.licensedStates()));
				seed(clinic.sponsor());
			});
		}
	}

	/** The sponsor, its administrator and, the first time, a roster of made-up members. */
	private void seed(DemoSponsor demo) {

		var sponsor = sponsors.find(demo.code()).orElseGet(() -> sponsors.register(demo.code(), demo.name(), demo.kind(),
				demo.contact(), demo.contactEmail()));

		sponsors.appointAdministrator(demo.administrator(), demo.code());

		if (rosters.latest(sponsor.id(), 1).isEmpty()) {
			var roster = DemoRoster.of(demo.code(), demo.members(), demo.seed());
			rosters.submit(sponsor, "demo-roster.csv", new ByteArrayInputStream(roster.getBytes(StandardCharsets.UTF_8)),
					"demo");
			LOG.info("Importing a demo roster of {} members for {}", demo.members(), demo.code());
		}
	}
}
