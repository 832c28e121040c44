package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Plans are copies of templates, assigned by the patient's therapist only, and held while a red flag is open. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class PlanTests {

	private final Plans plans;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final RedFlags redFlags;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser alex, sam;

	PlanTests(Plans plans, ProgramTemplates templates, PatientDirectory patients, CareTeams careTeams, RedFlags redFlags,
			ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.plans = plans;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.redFlags = redFlags;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aPatientOfAlex() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		sam = new StrideUser(UUID.randomUUID().toString(), "pt.sam", List.of(clinic), Set.of(Role.THERAPIST));
		maya = CurrentTenant.callAs(clinic, () -> {
			templates.seedDefaults();
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1984, 3, 14), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null);
			return id;
		});
	}

	@Test
	void theTherapistOfRecordAssignsACopyOfATemplate(PublishedEvents events) {

		var flare = template("flare-mobility");
		var plan = CurrentTenant.callAs(clinic, () -> plans.assign(maya, flare.id(), alex));

		assertThat(plan.version()).isOne();
		assertThat(plan.phases()).isEqualTo(flare.phases());
		assertThat(events.ofType(ProgramAssigned.class)).singleElement()
				.satisfies(it -> assertThat(it.plan()).isEqualTo(plan.id()));

		// editing the template afterwards does not reach the plan
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc
				.sql("update programs.template set phases = '[]'::jsonb where id = ?").param(flare.id()).update()));
		assertThat(CurrentTenant.callAs(clinic, () -> plans.of(maya)).orElseThrow().phases()).isEqualTo(flare.phases());

		var replaced = CurrentTenant.callAs(clinic, () -> plans.assign(maya, template("sciatica-stretch-strengthen").id(), alex));
		assertThat(replaced.version()).isEqualTo(2);
		assertThat(replaced.id()).isEqualTo(plan.id());
	}

	@Test
	void anotherTherapistOrClinicCannotAssign() {

		var flare = template("flare-mobility");
		assertThatExceptionOfType(Plans.NotYourPatient.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> plans.assign(maya, flare.id(), sam)));

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThatExceptionOfType(Plans.NotYourPatient.class)
				.isThrownBy(() -> CurrentTenant.callAs(other, () -> plans.assign(maya, flare.id(), alex)));
		assertThat(CurrentTenant.callAs(clinic, () -> plans.of(maya))).isEmpty();
	}

	@Test
	void aRedFlagHoldsTheExerciseUntilEveryReportIsCleared(Scenario scenario) {

		CurrentTenant.runAs(clinic, () -> plans.assign(maya, template("flare-mobility").id(), alex));

		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> redFlags.report(maya, Set.of(RedFlag.BOWEL_BLADDER), RedFlags.Source.REPORT))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> plans.holdOf(maya)), java.util.Optional::isPresent)
				.andVerify(hold -> assertThat(hold.orElseThrow().emergency()).isTrue()));

		// delivered twice, the hold is the same
		CurrentTenant.runAs(clinic, () -> plans.hold(maya, false));
		assertThat(CurrentTenant.callAs(clinic, () -> plans.holdOf(maya)).orElseThrow().emergency()).isTrue();

		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(alex, null, "ROLE_THERAPIST"));
		try {
			var open = CurrentTenant.callAs(clinic, () -> redFlags.open(maya)).get(0).id();
			CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> redFlags.clear(maya, open, "Seen by her doctor; all clear."))
					.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> plans.holdOf(maya)), java.util.Optional::isEmpty)
					.andVerify(hold -> assertThat(hold).isEmpty()));
		} finally {
			SecurityContextHolder.clearContext();
		}
	}

	private ProgramTemplate template(String key) {
		return CurrentTenant.callAs(clinic, templates::all).stream().filter(it -> key.equals(it.key())).findFirst()
				.orElseThrow();
	}
}
