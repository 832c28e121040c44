package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
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
	private final MessageSource messages;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser alex, sam;

	PlanTests(Plans plans, ProgramTemplates templates, PatientDirectory patients, CareTeams careTeams, RedFlags redFlags,
			ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions, MessageSource messages) {
		this.messages = messages;
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

		// holding twice (a redelivered report) keeps the first hold: internal.HoldTests, the hold is not API

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

	@Test
	void tailoringSavesANewVersionWithItsChangeAndRefusesAStaleOne(PublishedEvents events) {

		var plan = CurrentTenant.callAs(clinic, () -> plans.assign(maya, template("sciatica-stretch-strengthen").id(), alex));
		var exercises = new java.util.ArrayList<>(plan.phase().exercises());
		var bridge = exercises.stream().filter(it -> it.slug().equals("glute-bridge")).findFirst().orElseThrow();
		exercises.set(exercises.indexOf(bridge), new ProgramTemplate.Prescribed("glute-bridge", new Dosing(3, 12, null,
				bridge.dosing().holdSeconds(), bridge.dosing().side(), bridge.dosing().timesPerDay(),
				bridge.dosing().daysPerWeek(), bridge.dosing().restSeconds(), null)));
		exercises.removeIf(it -> it.slug().equals("childs-pose"));

		var tailored = CurrentTenant.callAs(clinic, () -> plans.tailor(maya, 1, exercises, null, alex));

		assertThat(tailored.version()).isEqualTo(2);
		assertThat(CurrentTenant.callAs(clinic, () -> plans.versions(maya))).first().satisfies(version -> {
			assertThat(version.summary(messages, Locale.ENGLISH))
					.isEqualTo("Glute Bridge: sets 2 → 3, reps 10 → 12; removed Child's Pose");
			assertThat(version.summary(messages, Locale.forLanguageTag("es")))
					.isEqualTo("Glute Bridge: series 2 → 3, repeticiones 10 → 12; se quitó Child's Pose");
			assertThat(version.changedBy()).isEqualTo("pt.alex");
		});
		assertThat(events.ofType(ProgramTailored.class)).singleElement()
				.satisfies(it -> assertThat(it.version()).isEqualTo(2));

		// a second session still holding version 1 loses nothing and learns what changed
		assertThatExceptionOfType(Plans.StaleVersion.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> plans.tailor(maya, 1, plan.phase().exercises(), null, alex)))
				.satisfies(stale -> {
					assertThat(stale.current()).isEqualTo(2);
					assertThat(Phrase.in(stale.lastChange(), messages, Locale.ENGLISH)).startsWith("Glute Bridge");
				});
		assertThat(CurrentTenant.callAs(clinic, () -> plans.of(maya)).orElseThrow().version()).isEqualTo(2);

		assertThat(CurrentTenant.callAs(clinic, () -> plans.tailor(maya, 2, exercises, null, alex)).version())
				.as("saving without a change makes no version").isEqualTo(2);
		assertThatIllegalArgumentException().isThrownBy(() -> CurrentTenant.callAs(clinic, () -> plans.tailor(maya, 2,
				List.of(new ProgramTemplate.Prescribed("moonwalk", bridge.dosing())), null, alex)));
		assertThatExceptionOfType(Plans.NotYourPatient.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> plans.tailor(maya, 2, exercises, null, sam)));
	}

	@Test
	void tailoringAnyPhaseNamesThePhaseAndMovingOnIsAChangeOfItsOwn() {

		var plan = CurrentTenant.callAs(clinic, () -> plans.assign(maya, template("flare-mobility").id(), alex));
		var later = new java.util.ArrayList<>(plan.phases().get(1).exercises());
		later.removeIf(it -> it.slug().equals("prone-press-up"));
		var phases = List.of(plan.phases().get(0).exercises(), List.copyOf(later));

		var tailored = CurrentTenant.callAs(clinic, () -> plans.tailor(maya, 1, phases, 1, alex));

		assertThat(tailored.currentPhase()).isEqualTo(1);
		assertThat(tailored.phases()).extracting(ProgramTemplate.Phase::name)
				.containsExactly(plan.phases().get(0).name(), plan.phases().get(1).name());
		assertThat(CurrentTenant.callAs(clinic, () -> plans.versions(maya)).get(0).summary(messages, Locale.ENGLISH)).isEqualTo(
				"removed Prone Press Up in “As the pain subsides”; moved to “As the pain subsides”");

		assertThatIllegalArgumentException().as("a phase without exercises").isThrownBy(() -> CurrentTenant.callAs(clinic,
				() -> plans.tailor(maya, 2, List.of(plan.phases().get(0).exercises(), List.of()), 0, alex)));
		assertThatIllegalArgumentException().as("another number of phases").isThrownBy(() -> CurrentTenant.callAs(clinic,
				() -> plans.tailor(maya, 2, List.of(plan.phases().get(0).exercises()), 0, alex)));
		assertThat(CurrentTenant.callAs(clinic, () -> plans.of(maya)).orElseThrow().version()).isEqualTo(2);
	}

	@Test
	void ofTwoConcurrentSavesOfOneVersionExactlyOneWins() throws Exception {

		var plan = CurrentTenant.callAs(clinic, () -> plans.assign(maya, template("flare-mobility").id(), alex));
		var first = List.of(plan.phase().exercises().get(0));
		var second = List.of(plan.phase().exercises().get(1));
		var start = new java.util.concurrent.CountDownLatch(1);

		try (var sessions = java.util.concurrent.Executors.newFixedThreadPool(2)) {
			var a = sessions.submit(() -> { start.await(); return CurrentTenant.callAs(clinic, () -> plans.tailor(maya, 1, first, null, alex)); });
			var b = sessions.submit(() -> { start.await(); return CurrentTenant.callAs(clinic, () -> plans.tailor(maya, 1, second, null, alex)); });
			start.countDown();

			var outcomes = new java.util.ArrayList<String>();
			for (var save : List.of(a, b)) {
				try {
					outcomes.add("saved v" + save.get().version());
				} catch (java.util.concurrent.ExecutionException e) {
					outcomes.add(e.getCause() instanceof Plans.StaleVersion ? "conflict" : e.getCause().toString());
				}
			}
			assertThat(outcomes).containsExactlyInAnyOrder("saved v2", "conflict");
		}
		assertThat(CurrentTenant.callAs(clinic, () -> plans.versions(maya))).hasSize(2);
	}

	private ProgramTemplate template(String key) {
		return CurrentTenant.callAs(clinic, templates::all).stream().filter(it -> key.equals(it.key())).findFirst()
				.orElseThrow();
	}
}
