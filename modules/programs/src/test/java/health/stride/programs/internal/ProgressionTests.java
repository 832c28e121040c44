package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Plan;
import health.stride.programs.SciaticaPlan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.ProgressionSuggested;
import health.stride.programs.Sessions;

/**
 * The progression rules over logged sessions: a suggestion once the sessions are steady, one open at a
 * time, none after a skipped exercise, and a changed plan starting afresh. Making and closing a
 * suggestion is the listener's work, so the test reaches the rules' own class.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ProgressionTests {

	private final Sessions sessions;
	private final Plans plans;
	private final JdbcProgressions progressions;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final MessageSource messages;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser alex;
	private Plan plan;
	private SciaticaPlan sciatica;

	ProgressionTests(Sessions sessions, Plans plans, JdbcProgressions progressions, ProgramTemplates templates,
			PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics, MessageSource messages) {
		this.sessions = sessions;
		this.plans = plans;
		this.progressions = progressions;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.messages = messages;
	}

	@BeforeEach
	void aPatientWithTheSciaticaPlan() {
		sciatica = SciaticaPlan.given(clinics, templates, patients, careTeams, plans);
		clinic = sciatica.clinic();
		maya = sciatica.maya();
		alex = sciatica.alex();
		plan = sciatica.plan();
	}

	Sessions.Input session(String key, int before, int after, String shift, String performedAt, String... skipped) {
		return sciatica.session(key, before, after, shift, performedAt, skipped);
	}

	String ago(Duration duration) {
		return SciaticaPlan.ago(duration);
	}

	@Test
	void suggestsProgressingAfterTwoSteadyWeeksOnceAndAChangedPlanStartsAfresh(Scenario scenario) {

		for (int day = 13; day >= 5; day -= 2) { // 5 sessions over 9 days: not yet
			var at = ago(Duration.ofDays(day));
			CurrentTenant.runAs(clinic, () -> sessions.log(maya, session("k-" + UUID.randomUUID(), 2, 1, "NONE", at)));
		}
		assertThat(CurrentTenant.callAs(clinic, () -> progressions.reasonFor(maya))).isEmpty();

		// the sixth, spanning 11 days: the listener of logged sessions suggests progressing
		var sixth = session("k-" + UUID.randomUUID(), 2, 1, "NONE", ago(Duration.ofDays(3)));
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> sessions.log(maya, sixth))
				.andWaitForEventOfType(ProgressionSuggested.class)
				.toArriveAndVerify(event -> assertThat(event.patient()).isEqualTo(maya)));
		assertThat(CurrentTenant.callAs(clinic, () -> progressions.open(maya))).hasValueSatisfying(open -> {
			assertThat(messages.getMessage(open.words(), Locale.ENGLISH)).isEqualTo(
					"6 sessions in the last 14 days, every exercise done, pain afterwards at most 3 and no flare.");
			assertThat(messages.getMessage(open.words(), Locale.of("es")))
					.isEqualTo("6 sesiones en los últimos 14 días, todos los ejercicios hechos, dolor después de 3 o menos y sin crisis.");
		});
		assertThat(CurrentTenant.callAs(clinic, () -> progressions.evaluate(maya))).as("one open at a time").isEmpty();

		// the therapist changes the plan: the suggestion closes and the rules count from the new plan
		var changed = plan.phase().exercises().subList(1, plan.phase().exercises().size());
		CurrentTenant.runAs(clinic, () -> plans.tailor(maya, plan.version(), changed, null, alex));
		CurrentTenant.runAs(clinic, () -> progressions.close(maya));
		assertThat(CurrentTenant.callAs(clinic, () -> progressions.open(maya))).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> progressions.reasonFor(maya))).isEmpty();
	}

	@Test
	void aSkippedExerciseOrAPainfulSessionIsNoReasonToProgress() {

		for (int day = 13; day >= 1; day -= 2) {
			var at = ago(Duration.ofDays(day));
			var skipped = day == 5 ? new String[] { "clamshell" } : new String[0];
			CurrentTenant.runAs(clinic, () -> sessions.log(maya, session("k-" + UUID.randomUUID(), 2, 1, "NONE", at, skipped)));
		}
		assertThat(CurrentTenant.callAs(clinic, () -> progressions.reasonFor(maya))).isEmpty();
	}
}
