package health.stride.fhir.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
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
import health.stride.patients.RedFlag;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Dosing;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.Side;

/**
 * A clinic as the care resources' tests need it, built through the modules' APIs: a therapist and a coach
 * caring for the patients, a therapist and an administrator who do not, the clinic's integration, and
 * patients with a finished intake and a plan.
 */
final class CareFixtures {

	/** The intake every fixture patient gives: sciatica, two PSFS activities, the fever red flag answered no. */
	static final IntakeAnswers INTAKE = new IntakeAnswers(Set.of(PainRegion.LOW_BACK, PainRegion.LEFT_LEG), 6,
			PainDuration.SUBACUTE, Set.of(Aggravator.BENDING_FORWARD, Aggravator.SITTING), Set.of(Diagnosis.SCIATICA),
			"Pick up my daughter again",
			List.of(new PsfsItem("Picking up my daughter", 3), new PsfsItem("Sitting through a workday", 4)), Set.of());

	/** The tailored dosing of the pelvic tilt in the plan's second version. */
	static final Dosing TAILORED_TILT = new Dosing(2, 12, null, 5, Side.BOTH, 2, 7, 30, "Breathe out as you tilt");

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final PatientDirectory patients;
	private final Consents consents;
	private final Intakes intakes;
	private final CareTeams careTeams;
	private final ProgramTemplates templates;
	private final Plans plans;

	CareFixtures(ClinicRegistry clinics, ClinicianManagement clinicians, PatientDirectory patients, Consents consents,
			Intakes intakes, CareTeams careTeams, ProgramTemplates templates, Plans plans) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.patients = patients;
		this.consents = consents;
		this.intakes = intakes;
		this.careTeams = careTeams;
		this.templates = templates;
		this.plans = plans;
	}

	/**
	 * The people of one clinic: Alex (therapist) and Cam (coach) care for its patients; Sam (therapist), Kim
	 * (coach) and Ada (administrator) do not.
	 */
	record Clinic(TenantId id, StrideUser alex, ClinicianId alexId, StrideUser cam, ClinicianId camId, StrideUser sam,
			StrideUser kim, StrideUser ada) {

		Requester therapist() {
			return Requester.user(alex, id);
		}

		Requester coach() {
			return Requester.user(cam, id);
		}

		Requester otherTherapist() {
			return Requester.user(sam, id);
		}

		Requester otherCoach() {
			return Requester.user(kim, id);
		}

		Requester administrator() {
			return Requester.user(ada, id);
		}

		Requester integration() {
			return Requester.system(new StrideUser(UUID.randomUUID().toString(), "service-account-stride-fhir-" + id.value(),
					List.of(id), Set.of()), id);
		}

		Requester patient(PatientId patient, String name) {
			return Requester.patient(new StrideUser(UUID.randomUUID().toString(), name, List.of(id), Set.of(Role.PATIENT)), id,
					patient);
		}

		<T> T as(Supplier<T> work) {
			return CurrentTenant.callAs(id, work);
		}
	}

	Clinic clinic() {
		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		return CurrentTenant.callAs(clinic, () -> {
			templates.seedDefaults();
			var alexId = clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST, List.of());
			var camId = clinicians.add("coach.cam", "Cam Lee", ClinicianRole.COACH, List.of());
			clinicians.add("pt.sam", "Sam Ortiz, PT", ClinicianRole.THERAPIST, List.of());
			clinicians.add("coach.kim", "Kim Park", ClinicianRole.COACH, List.of());
			return new Clinic(clinic, user(clinic, "pt.alex", Role.THERAPIST), alexId, user(clinic, "coach.cam", Role.COACH),
					camId, user(clinic, "pt.sam", Role.THERAPIST), user(clinic, "coach.kim", Role.COACH),
					user(clinic, "admin.ada", Role.CLINIC_ADMIN));
		});
	}

	/** A patient of Alex and Cam who agreed to the consents and finished the intake, with its red flags. */
	PatientId patient(Clinic clinic, String name, RedFlag... redFlags) {
		return clinic.as(() -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient." + name, name, "Tester",
					LocalDate.of(1984, 3, 14), name + "@example.org", null, "WA", "America/Los_Angeles"));
			for (var document : ConsentDocument.values()) {
				consents.accept(id, document, consents.currentVersion(document));
			}
			careTeams.assign(id, new CareTeam.Member(clinic.alexId().id(), "pt.alex", "Alex Morgan, PT"),
					new CareTeam.Member(clinic.camId().id(), "coach.cam", "Cam Lee"));
			intakes.submit(id, new IntakeAnswers(INTAKE.painRegions(), INTAKE.painNow(), INTAKE.painDuration(),
					INTAKE.worseWith(), INTAKE.diagnoses(), INTAKE.goals(), INTAKE.psfs(), Set.of(redFlags)));
			return id;
		});
	}

	/** The flare template assigned by Alex (version 1), then the pelvic tilt tailored (version 2). */
	Plan tailoredFlarePlan(Clinic clinic, PatientId patient) {
		return clinic.as(() -> {
			var flare = templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow();
			var plan = plans.assign(patient, flare.id(), clinic.alex());
			var exercises = plan.phase().exercises().stream()
					.map(it -> it.slug().equals("pelvic-tilt") ? new ProgramTemplate.Prescribed("pelvic-tilt", TAILORED_TILT) : it)
					.toList();
			return plans.tailor(patient, plan.version(), exercises, null, clinic.alex());
		});
	}

	/** A template assigned by Alex: version 1 of the patient's plan. */
	Plan plan(Clinic clinic, PatientId patient, String template) {
		return clinic.as(() -> plans.assign(patient,
				templates.all().stream().filter(it -> template.equals(it.key())).findFirst().orElseThrow().id(),
				clinic.alex()));
	}

	private static StrideUser user(TenantId clinic, String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}
}
