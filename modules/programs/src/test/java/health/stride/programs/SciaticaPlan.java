package health.stride.programs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A new clinic with Stride's templates, and Maya on the sciatica plan her therapist Alex assigned:
 * what the session and progression tests start from.
 */
public record SciaticaPlan(TenantId clinic, PatientId maya, StrideUser alex, Plan plan) {

	public static SciaticaPlan given(ClinicRegistry clinics, ProgramTemplates templates, PatientDirectory patients,
			CareTeams careTeams, Plans plans) {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		return CurrentTenant.callAs(clinic, () -> {
			templates.seedDefaults();
			var maya = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null);
			var sciatica = templates.all().stream().filter(it -> "sciatica-stretch-strengthen".equals(it.key()))
					.findFirst().orElseThrow();
			return new SciaticaPlan(clinic, maya, alex, plans.assign(maya, sciatica.id(), alex));
		});
	}

	/** A session of the plan as the API takes it: every exercise done as prescribed but the skipped ones. */
	public Sessions.Input session(String key, int before, int after, String shift, String performedAt, String... skipped) {
		var lines = plan.phase().exercises().stream().map(it -> List.of(skipped).contains(it.slug())
				? new Sessions.ExerciseInput(it.slug(), 0, null, true, "NO_TIME")
				: new Sessions.ExerciseInput(it.slug(), it.dosing().sets(), it.dosing().reps(), false, null)).toList();
		return new Sessions.Input(key, performedAt, before, after, shift, "RIGHT", null, lines);
	}

	public static String ago(Duration duration) {
		return Instant.now().minus(duration).toString();
	}
}
