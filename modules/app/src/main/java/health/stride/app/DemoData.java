package health.stride.app;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianManagement;
import health.stride.visits.Availability;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.patients.Aggravator;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.Diagnosis;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episodes;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;
import health.stride.messaging.Threads;
import health.stride.programs.Lessons;
import health.stride.programs.Plans;
import health.stride.programs.Sessions;
import health.stride.programs.ProgramTemplates;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicLogo;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.ClinicSettings;
import health.stride.platform.validation.FieldErrors;
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

	record DemoClinician(String username, String displayName, ClinicianRole role, List<License> licenses) {}

	record DemoSponsor(SponsorCode code, String name, SponsorKind kind, String contact, String contactEmail,
			String administrator, int members, long seed) {}

	/**
	 * A demo patient with the Keycloak account id the realm file gives them, and the usernames of
	 * their care team (none: still waiting for one).
	 */
	record DemoPatient(String accountId, String username, String firstName, String lastName, LocalDate dateOfBirth,
			String state, String timeZone, @Nullable String therapist, @Nullable String coach, @Nullable DemoIntake intake,
			Set<RedFlag> redFlags, @Nullable String planTemplate) {}

	/** What a demo patient answered at intake, beside the red-flag screen. */
	record DemoIntake(int painNow, PainDuration duration, Set<Aggravator> worseWith, Set<Diagnosis> diagnoses,
			String goals, List<PsfsItem> psfs) {}

	/** Sciatica made worse by sitting and bending forward: the tailoring page warns about flexion. */
	static final DemoIntake SCIATICA = new DemoIntake(5, PainDuration.SUBACUTE,
			Set.of(Aggravator.SITTING, Aggravator.BENDING_FORWARD), Set.of(Diagnosis.SCIATICA),
			"Sit through a school concert and carry the shopping again",
			List.of(new PsfsItem("Sitting for an hour", 3), new PsfsItem("Carrying shopping bags", 4)));

	/** Spinal stenosis, worse standing, walking and bending backward: the tailoring page warns about extension. */
	static final DemoIntake STENOSIS = new DemoIntake(4, PainDuration.CHRONIC,
			Set.of(Aggravator.STANDING, Aggravator.WALKING, Aggravator.BENDING_BACK), Set.of(Diagnosis.SPINAL_STENOSIS),
			"Walk to the farmers' market and back without sitting down",
			List.of(new PsfsItem("Walking for 20 minutes", 3), new PsfsItem("Standing to cook dinner", 4)));

	record DemoClinic(TenantId id, String name, List<DemoClinician> clinicians, DemoSponsor sponsor,
			List<DemoPatient> patients) {}

	/** Demo licenses stay valid: they expire at the end of next year, whenever the demo runs. */
	static final LocalDate LICENSES_EXPIRE = LocalDate.now().plusYears(1).withMonth(12).withDayOfMonth(31);

	static final List<DemoClinic> CLINICS = List.of(
			new DemoClinic(TenantId.of("northside"), "Northside Physio", List.of(
					new DemoClinician("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST, List.of(
							new License("WA", LicenseKind.LICENSE, "PT 60012345", LICENSES_EXPIRE),
							new License("OR", LicenseKind.COMPACT_PRIVILEGE, "PTC-OR-20417", LICENSES_EXPIRE))),
					new DemoClinician("pt.sam", "Sam Patel, PT", ClinicianRole.THERAPIST,
							List.of(new License("CA", LicenseKind.LICENSE, "PT 48213", LICENSES_EXPIRE))),
					new DemoClinician("coach.rio", "Rio Santos", ClinicianRole.COACH, List.of())),
					new DemoSponsor(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, "Priya Shah",
							"benefits@acme-logistics.example", "sponsor.acme", 320, 7),
					List.of(new DemoPatient("5b0e6a8e-2f41-4c1e-9d59-7a1f0c3e8a01", "patient.maya", "Maya", "Okafor",
							LocalDate.of(1986, 4, 12), "WA", "America/Los_Angeles", "pt.alex", "coach.rio", SCIATICA, Set.of(),
							"sciatica-stretch-strengthen"),
							new DemoPatient("5b0e6a8e-2f41-4c1e-9d59-7a1f0c3e8a02", "patient.leo", "Leo", "Fischer",
									LocalDate.of(1971, 9, 3), "OR", "America/Los_Angeles", null, null, null, Set.of(), null),
							new DemoPatient("5b0e6a8e-2f41-4c1e-9d59-7a1f0c3e8a04", "patient.noah", "Noah", "Brooks",
									LocalDate.of(1968, 11, 20), "WA", "America/Los_Angeles", "pt.alex", "coach.rio", SCIATICA,
									Set.of(RedFlag.SADDLE_NUMBNESS), null),
							new DemoPatient("5b0e6a8e-2f41-4c1e-9d59-7a1f0c3e8a05", "patient.grace", "Grace", "Liu",
									LocalDate.of(1990, 6, 8), "WA", "America/Los_Angeles", "pt.alex", null, STENOSIS, Set.of(), null),
							new DemoPatient("5b0e6a8e-2f41-4c1e-9d59-7a1f0c3e8a06", "patient.owen", "Owen", "Price",
									LocalDate.of(1979, 2, 17), "WA", "America/Los_Angeles", "pt.alex", "coach.rio", SCIATICA,
									Set.of(), "flare-mobility"),
							new DemoPatient("5b0e6a8e-2f41-4c1e-9d59-7a1f0c3e8a07", "patient.ruth", "Ruth", "Adams",
									LocalDate.of(1982, 8, 30), "WA", "America/Los_Angeles", "pt.alex", null, SCIATICA,
									Set.of(), "sciatica-stretch-strengthen"))),
			new DemoClinic(TenantId.of("lakeside"), "Lakeside Therapy", List.of(
					new DemoClinician("pt.jordan", "Jordan Reyes, PT", ClinicianRole.THERAPIST,
							List.of(new License("WA", LicenseKind.LICENSE, "PT 60098765", LICENSES_EXPIRE)))),
					new DemoSponsor(SponsorCode.of("CASCADE"), "Cascade Health Plan", SponsorKind.HEALTH_PLAN, "Tom Becker",
							"eligibility@cascade-health.example", "sponsor.bluecross", 450, 11),
					List.of(new DemoPatient("5b0e6a8e-2f41-4c1e-9d59-7a1f0c3e8a03", "patient.ivy", "Ivy", "Chen",
							LocalDate.of(1993, 1, 27), "WA", "America/Los_Angeles", "pt.jordan", null, SCIATICA, Set.of(), "stabilisation-progression"))));

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Consents consents;
	private final Intakes intakes;
	private final ProgramTemplates templates;
	private final Plans plans;
	private final Sessions sessions;
	private final Threads threads;
	private final Episodes episodes;
	private final DemoVisits visits;
	private final Hosts hosts;
	private final Schedules schedules;
	private final Lessons lessons;

	DemoData(ClinicRegistry clinics, ClinicianManagement clinicians, SponsorManagement sponsors, RosterImports rosters,
			PatientDirectory patients, CareTeams careTeams, Consents consents, Intakes intakes, ProgramTemplates templates,
			Plans plans, Sessions sessions, Threads threads, Episodes episodes, Hosts hosts, Schedules schedules,
			DemoVisits visits, Lessons lessons) {
		this.lessons = lessons;
		this.visits = visits;
		this.hosts = hosts;
		this.schedules = schedules;
		this.episodes = episodes;
		this.sessions = sessions;
		this.threads = threads;
		this.templates = templates;
		this.plans = plans;
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.patients = patients;
		this.careTeams = careTeams;
		this.consents = consents;
		this.intakes = intakes;
	}

	@Override
	public void run(ApplicationArguments args) {

		for (var clinic : CLINICS) {

			if (!clinics.isRegistered(clinic.id())) {
				clinics.register(clinic.id(), clinic.name(), DemoClinicProfiles.TIME_ZONE, DemoClinicProfiles.statesOf(clinic.id()));
				LOG.info("Registered demo clinic {}", clinic.id());
			}

			CurrentTenant.runAs(clinic.id(), () -> {
				profile(clinic.id());
				clinic.clinicians().stream()
						.filter(it -> clinicians.findByUsername(it.username()).isEmpty())
						.forEach(it -> clinicians.add(it.username(), it.displayName(), it.role(), it.licenses()));
				seed(clinic.sponsor());
				templates.seedDefaults(); // now, rather than waiting for the new clinic's event: the demo plans need them
				clinic.patients().stream().filter(it -> patients.findByUsername(it.username()).isEmpty())
						.forEach(this::seed);
				availability(); // the office hours first, so the demo visits find them
				visits();
			});
		}
	}

	/** At Northside, a few visits booked and one missed. */
	private void visits() {
		try {
			visits.seed();
		} catch (RuntimeException failed) { // the demo starts without visits rather than not at all
			LOG.warn("Demo visits of {} not seeded: {}", CurrentTenant.require(), failed.getClass().getSimpleName());
		}
	}

	/** Northside's support contact and logo: the page header shows a clinic's own logo from the first start. */
	private void profile(TenantId id) {

		if (!id.equals(TenantId.of("northside"))) {
			return;
		}
		var clinic = clinics.find(id).orElseThrow();
		if (clinic.supportPhone().isEmpty()) {
			clinics.describe(id, new ClinicSettings(clinic.name(), clinic.timeZone(), List.of("CA", "OR", "WA"),
					"+1 206 555 0142", "help@northside-physio.example", (int) clinic.coverageGracePeriod().toDays()));
		}
		if (!clinic.hasLogo()) {
			try {
				var file = new ClassPathResource("demo/northside-logo.svg");
				var logo = ClinicLogo.check(file.getContentAsByteArray(), file.getFilename(), "logo", new FieldErrors());
				if (logo != null) {
					clinics.changeLogo(id, logo);
				}
			} catch (java.io.IOException missing) {
				throw new java.io.UncheckedIOException(missing);
			}
		}
	}

	/**
	 * Office hours for every clinician who has none yet, weekdays 08:00 to 12:00 and 13:00 to 17:00 in
	 * the clinic's zone: the availability page and booking show open times from the first start.
	 */
	private void availability() {

		var week = new java.util.ArrayList<Availability.WeeklyHours>();
		for (var day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
			week.add(new Availability.WeeklyHours(day, LocalTime.of(8, 0), LocalTime.of(12, 0)));
			week.add(new Availability.WeeklyHours(day, LocalTime.of(13, 0), LocalTime.of(17, 0)));
		}
		for (var host : hosts.active()) {
			if (schedules.of(host.id()).week().isEmpty()) {
				schedules.change(host.id(), new Availability(host.zone(), week, List.of(), Duration.ofMinutes(10), 8));
			}
		}
	}

	/** A patient record, and for some the consents, a finished intake and a care team. */
	private void seed(DemoPatient demo) {

		var patient = patients.register(new NewPatient(demo.accountId(), demo.username(), demo.firstName(),
				demo.lastName(), demo.dateOfBirth(), demo.username() + "@example.org", null, demo.state(),
				demo.timeZone()));

		// the care team first, so finishing the intake finds one and assigns none of its own
		if (demo.therapist() != null) {
			careTeams.assign(patient, member(demo.therapist()), demo.coach() == null ? null : member(demo.coach()));
		}
		var intake = demo.intake();
		if (intake != null) {
			for (var document : ConsentDocument.values()) {
				consents.accept(patient, document, consents.currentVersion(document));
			}
			intakes.submit(patient, new IntakeAnswers(Set.of(PainRegion.LOW_BACK, PainRegion.LEFT_LEG), intake.painNow(),
					intake.duration(), intake.worseWith(), intake.diagnoses(), intake.goals(), intake.psfs(),
					demo.redFlags()));
		}
		if (demo.planTemplate() != null && demo.therapist() != null) {
			var template = templates.all().stream().filter(it -> demo.planTemplate().equals(it.key())).findFirst()
					.orElseThrow();
			plans.assign(patient, template.id(), new StrideUser("demo", demo.therapist(), List.of(CurrentTenant.require()),
					Set.of(Role.THERAPIST)));
		}
		activity(demo, patient);
		LOG.info("Registered demo patient {}", patient);
	}

	/**
	 * What some demo patients did before the demo starts, so the caseloads show every reason: Maya
	 * logged two steady weeks (ready to progress) and asked a question nobody answered yet; Owen's
	 * last session flared; Ivy's last session was nine days ago (inactive, on pt.jordan's caseload).
	 */
	private void activity(DemoPatient demo, PatientId patient) {
		var me = new StrideUser(demo.accountId(), demo.username(), List.of(CurrentTenant.require()), Set.of(Role.PATIENT));
		switch (demo.username()) {
			case "patient.maya" -> {
				for (int daysAgo = 13; daysAgo >= 3; daysAgo -= 2) {
					session(demo, patient, daysAgo, 3, 2, daysAgo % 4 == 1 ? 15 : null);
				}
				threads.post(threads.open(patient), me, "Is it all right to swim instead of walking on Fridays? The pool"
						+ " is close to my office.");
				// the first two lessons of her plan read in her first days: today's lesson is the third
				lessons.read(patient, "disc-herniation", java.time.Instant.now().minus(java.time.Duration.ofDays(12)));
				lessons.read(patient, "movement-as-medicine", java.time.Instant.now().minus(java.time.Duration.ofDays(10)));
			}
			case "patient.owen" -> {
				session(demo, patient, 5, 4, 3, 10);
				session(demo, patient, 2, 3, 6, null);
			}
			case "patient.ivy" -> session(demo, patient, 9, 3, 3, null); // and none since: inactive
			case "patient.ruth" -> discharged(demo, patient);
			default -> {
				// nothing logged yet
			}
		}
	}

	/**
	 * Ruth finished her first episode of care: a few weeks of sessions with her pain falling, then
	 * discharged by Alex with her goals met. Her portal is read-only, her thread closed, and her chart
	 * shows the episode with its discharge summary and a Reactivate button.
	 */
	private void discharged(DemoPatient demo, PatientId patient) {
		var pain = new int[] { 5, 5, 4, 4, 3, 3, 2, 2 };
		for (int i = 0; i < pain.length; i++) {
			session(demo, patient, 12 - i, pain[i], Math.max(0, pain[i] - 1), i % 3 == 0 ? 20 : null);
		}
		var therapist = new StrideUser("demo", "pt.alex", List.of(CurrentTenant.require()), Set.of(Role.THERAPIST));
		episodes.discharge(patient, Episodes.Discharge.of(DischargeReason.GOALS_MET,
				"Pain down from 5 to 2, sits through a workday and carries the shopping. Keeps up the stretches twice a"
						+ " week and walks daily on her own."), therapist);
	}

	private void session(DemoPatient demo, PatientId patient, int daysAgo, int painBefore, int painAfter,
			@Nullable Integer walked) {
		var plan = plans.of(patient).orElseThrow();
		var done = plan.phase().exercises().stream().map(it -> new Sessions.ExerciseInput(it.slug(), it.dosing().sets(),
				it.dosing().reps(), false, null)).toList();
		sessions.log(patient, new Sessions.Input("demo-" + demo.username() + "-" + daysAgo,
				java.time.Instant.now().minus(java.time.Duration.ofDays(daysAgo)).toString(), painBefore, painAfter,
				"NONE", "RIGHT", walked, done));
	}

	private CareTeam.Member member(String username) {
		var clinician = clinicians.findByUsername(username).orElseThrow();
		return new CareTeam.Member(clinician.id().id(), clinician.username(), clinician.displayName());
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
