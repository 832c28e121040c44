package health.stride.messaging.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

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
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.Sessions;

/**
 * A new clinic and Maya, in New York, on a plan of three days a week her therapist assigned (or on
 * none yet): what the reminder tests start from.
 */
record ReminderPatient(TenantId clinic, PatientId maya, String email, @Nullable Plan plan) {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static ReminderPatient given(ClinicRegistry clinics, ProgramTemplates templates, PatientDirectory patients,
			CareTeams careTeams, Plans plans, boolean withPlan) {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Northside Physio").tenant();
		var alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		var email = "maya-" + UUID.randomUUID() + "@example.org";
		return CurrentTenant.callAs(clinic, () -> {
			templates.seedDefaults();
			var maya = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), email, null, "NY", NEW_YORK.getId()));
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			if (!withPlan) {
				return new ReminderPatient(clinic, maya, email, null);
			}
			var template = templates.all().stream().filter(it -> "stabilisation-progression".equals(it.key()))
					.findFirst().orElseThrow();
			return new ReminderPatient(clinic, maya, email, plans.assign(maya, template.id(), alex));
		});
	}

	/** The settings form as a patient fills it in. */
	static ReminderSettings.Input input(LocalTime at, Set<DayOfWeek> days, LocalTime quietFrom, LocalTime quietUntil,
			boolean email, boolean push) {
		return new ReminderSettings.Input("true", at.toString(), days.stream().sorted().map(Enum::name).toList(),
				quietFrom.toString(), quietUntil.toString(), email ? "true" : null, push ? "true" : null);
	}

	/** A session of the whole plan, logged now by the patient's clock. */
	Sessions.Input session(String performedAt) {
		var lines = java.util.Objects.requireNonNull(plan).phase().exercises().stream()
				.map(it -> new Sessions.ExerciseInput(it.slug(), it.dosing().sets(), it.dosing().reps(), false, null)).toList();
		return new Sessions.Input("session-" + UUID.randomUUID(), performedAt, 3, 3, "NONE", "RIGHT", null, lines);
	}
}
