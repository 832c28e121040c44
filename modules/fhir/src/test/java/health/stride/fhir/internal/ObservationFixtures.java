package health.stride.fhir.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import health.stride.patients.Aggravator;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.Diagnosis;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.Sessions;

/**
 * Clinics and patients for the observation tests, made through the modules' APIs: a clinic with Stride's
 * templates; a patient who agreed to the consents, finished the intake (two activities on the functional
 * scale) and is on the sciatica plan of therapist {@code pt.alex} with coach {@code coach.cora}.
 */
final class ObservationFixtures {

	static final String THERAPIST = "pt.alex";
	static final String COACH = "coach.cora";

	private final ClinicRegistry clinics;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final Consents consents;
	private final Intakes intakes;
	private final CareTeams careTeams;
	private final Plans plans;
	private final Sessions sessions;

	ObservationFixtures(ClinicRegistry clinics, ProgramTemplates templates, PatientDirectory patients, Consents consents,
			Intakes intakes, CareTeams careTeams, Plans plans, Sessions sessions) {
		this.clinics = clinics;
		this.templates = templates;
		this.patients = patients;
		this.consents = consents;
		this.intakes = intakes;
		this.careTeams = careTeams;
		this.plans = plans;
		this.sessions = sessions;
	}

	TenantId clinic() {
		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		CurrentTenant.runAs(clinic, templates::seedDefaults);
		return clinic;
	}

	/** A patient of the clinic with the intake done, on the sciatica plan of Alex and Cora's care team. */
	PatientId patientOnPlan(TenantId clinic, String username) {
		var patient = CurrentTenant.callAs(clinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				username, "Maya", "Okafor", LocalDate.of(1984, 3, 14), username + "@example.org", null, "WA",
				"America/Los_Angeles")));
		CurrentTenant.runAs(clinic, () -> {
			for (var document : ConsentDocument.values()) {
				consents.accept(patient, document, consents.currentVersion(document));
			}
			intakes.submit(patient, new IntakeAnswers(Set.of(PainRegion.LOW_BACK, PainRegion.LEFT_LEG), 6,
					PainDuration.SUBACUTE, Set.of(Aggravator.BENDING_FORWARD), Set.of(Diagnosis.SCIATICA),
					"Pick up my daughter", List.of(new PsfsItem("Picking up my daughter", 3), new PsfsItem("Sitting at work", 4)),
					Set.of()));
			careTeams.assign(patient, new CareTeam.Member(UUID.randomUUID(), THERAPIST, "Alex Morgan, PT"),
					new CareTeam.Member(UUID.randomUUID(), COACH, "Cora Diaz"));
			var sciatica = templates.all().stream().filter(it -> "sciatica-stretch-strengthen".equals(it.key()))
					.findFirst().orElseThrow();
			plans.assign(patient, sciatica.id(), user(clinic, THERAPIST, Role.THERAPIST));
		});
		return patient;
	}

	/** Logs a session of the plan, through the programs API, performed at that moment. */
	Sessions.Measures session(TenantId clinic, PatientId patient, Instant performedAt, int before, int after,
			Integer walkingMinutes) {
		var plan = CurrentTenant.callAs(clinic, () -> plans.of(patient)).orElseThrow();
		var lines = plan.phase().exercises().stream()
				.map(it -> new Sessions.ExerciseInput(it.slug(), it.dosing().sets(), it.dosing().reps(), false, null)).toList();
		var logged = CurrentTenant.callAs(clinic, () -> sessions.log(patient, new Sessions.Input("k-" + UUID.randomUUID(),
				performedAt.toString(), before, after, "NONE", "RIGHT", walkingMinutes, lines))).session();
		return new Sessions.Measures(logged.id(), patient, logged.performedAt(), before, after, walkingMinutes);
	}

	/** A moment in the past, to the millisecond (what an observation's effective time keeps). */
	static Instant ago(Duration duration) {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(duration);
	}

	static StrideUser user(TenantId clinic, String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}

	static Requester patient(TenantId clinic, PatientId patient, String username) {
		return Requester.patient(user(clinic, username, Role.PATIENT), clinic, patient);
	}

	static Requester clinician(TenantId clinic, String username, Role role) {
		return Requester.user(user(clinic, username, role), clinic);
	}

	static Requester system(TenantId clinic) {
		var client = new StrideUser(UUID.randomUUID().toString(), "service-account-stride-fhir-" + clinic.value(),
				List.of(clinic), Set.of());
		return Requester.system(client, clinic);
	}

	static <T> T in(TenantId clinic, Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}
}
