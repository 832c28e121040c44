package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;

/** Logging sessions: the checks, one session per key however it is retried, the flare rule. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class SessionTests {

	private final Sessions sessions;
	private final Plans plans;
	private final RedFlags redFlags;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final org.springframework.context.MessageSource messages;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser alex;
	private Plan plan;
	private SciaticaPlan sciatica;

	SessionTests(Sessions sessions, Plans plans, RedFlags redFlags, ProgramTemplates templates,
			PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics,
			org.springframework.context.MessageSource messages) {
		this.sessions = sessions;
		this.plans = plans;
		this.redFlags = redFlags;
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
	void refusesImpossibleFieldsAndStoresNothing() {

		var input = new Sessions.Input("k-" + UUID.randomUUID(), Instant.now().plus(Duration.ofHours(2)).toString(), 11, -1,
				"SIDEWAYS", "MEH", 0, List.of(new Sessions.ExerciseInput("moonwalk", 1, 5, false, null),
						new Sessions.ExerciseInput("pelvic-tilt", 1, 10, true, null)));

		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> sessions.log(maya, input)))
				.satisfies(invalid -> assertThat(invalid.problems()).containsKeys("performedAt", "painBefore", "painAfter",
						"symptomShift", "effort", "walkingMinutes", "exercises[0].exerciseSlug", "exercises[1].skipReason"));
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> CurrentTenant.callAs(clinic,
				() -> sessions.log(maya, session("k-" + UUID.randomUUID(), 2, 2, "NONE", ago(Duration.ofDays(20))))))
				.satisfies(invalid -> {
					var tooOld = invalid.problems().get("performedAt");
					assertThat(tooOld.getCodes()).containsExactly("programs.session.error.performed-at-too-old");
					assertThat(messages.getMessage(tooOld, java.util.Locale.ENGLISH)).contains("14 days");
				});
		assertThat(CurrentTenant.callAs(clinic, () -> sessions.count(maya))).isZero();
	}

	@Test
	void aRetryWithTheSameKeyFindsTheFirstSession(PublishedEvents events) {

		var input = session("k-" + UUID.randomUUID(), 3, 2, "CENTRALIZING", null);
		var first = CurrentTenant.callAs(clinic, () -> sessions.log(maya, input));
		var again = CurrentTenant.callAs(clinic, () -> sessions.log(maya, input));

		assertThat(first.created()).isTrue();
		assertThat(again.created()).isFalse();
		assertThat(again.session().id()).isEqualTo(first.session().id());
		assertThat(again.session().exercises()).hasSize(plan.phase().exercises().size());
		assertThat(CurrentTenant.callAs(clinic, () -> sessions.count(maya))).isOne();
		assertThat(events.ofType(ExerciseSessionLogged.class)).singleElement().satisfies(logged -> {
			assertThat(logged.session()).isEqualTo(first.session().id());
			assertThat(logged.performedAt()).isEqualTo(first.session().performedAt());
		});
		assertThat(CurrentTenant.callAs(clinic, () -> sessions.latest(maya))).hasValueSatisfying(latest -> {
			assertThat(latest.id()).isEqualTo(first.session().id());
			assertThat(latest.painAfter()).isEqualTo(2);
			assertThat(latest.exercises()).hasSize(plan.phase().exercises().size());
		});
		assertThat(events.ofType(PainFlareReported.class)).isEmpty();
	}

	@Test
	void concurrentCallsWithOneKeyStoreOneSession() throws Exception {

		var input = session("k-" + UUID.randomUUID(), 3, 3, "NONE", null);
		var start = new CountDownLatch(1);
		try (var devices = Executors.newFixedThreadPool(4)) {
			var calls = new java.util.ArrayList<java.util.concurrent.Future<Sessions.Logged>>();
			for (int i = 0; i < 4; i++) {
				calls.add(devices.submit(() -> {
					start.await();
					return CurrentTenant.callAs(clinic, () -> sessions.log(maya, input));
				}));
			}
			start.countDown();
			var ids = new java.util.HashSet<UUID>();
			var created = 0;
			for (var call : calls) {
				ids.add(call.get().session().id());
				created += call.get().created() ? 1 : 0;
			}
			assertThat(ids).hasSize(1);
			assertThat(created).isOne();
		}
		assertThat(CurrentTenant.callAs(clinic, () -> sessions.count(maya))).isOne();
	}

	@ParameterizedTest(name = "pain {0} → {1}, {2}: flare {3}")
	@CsvSource({ "3, 4, NONE, false", "3, 5, NONE, true", "0, 2, NONE, true", "6, 7, CENTRALIZING, false",
			"5, 3, PERIPHERALIZING, true", "8, 1, NONE, false", "2, 3, PERIPHERALIZING, true" })
	void theFlareRule(int before, int after, SymptomShift shift, boolean flare) {
		assertThat(ExerciseSession.isFlare(before, after, shift)).isEqualTo(flare);
	}

	@Test
	void aFlareIsAnnouncedForTheCareTeamAndPeripheralisationCountsAsOne(PublishedEvents events) {

		var worse = CurrentTenant.callAs(clinic,
				() -> sessions.log(maya, session("k-" + UUID.randomUUID(), 3, 6, "NONE", null)));
		var spreading = CurrentTenant.callAs(clinic,
				() -> sessions.log(maya, session("k-" + UUID.randomUUID(), 4, 3, "PERIPHERALIZING", null)));

		assertThat(events.ofType(PainFlareReported.class)).extracting(PainFlareReported::session)
				.containsExactly(worse.session().id(), spreading.session().id());
		assertThat(CurrentTenant.callAs(clinic, () -> sessions.of(maya, 0, 10))).allMatch(ExerciseSession::flare);
	}

	@Test
	void aRedFlagStopsSessionsButAnEarlierOneStillAnswersItsRetry(Scenario scenario) {

		var before = session("k-" + UUID.randomUUID(), 2, 2, "NONE", null);
		CurrentTenant.runAs(clinic, () -> sessions.log(maya, before));
		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> redFlags.report(maya, java.util.Set.of(RedFlag.BOWEL_BLADDER), RedFlags.Source.REPORT))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> plans.holdOf(maya)),
						java.util.Optional::isPresent)
				.andVerify(hold -> assertThat(hold).isPresent()));

		assertThatExceptionOfType(Sessions.OnHold.class).isThrownBy(() -> CurrentTenant.callAs(clinic,
				() -> sessions.log(maya, session("k-" + UUID.randomUUID(), 2, 2, "NONE", null))));
		assertThat(CurrentTenant.callAs(clinic, () -> sessions.log(maya, before)).created()).isFalse();
		assertThat(CurrentTenant.callAs(clinic, () -> sessions.count(maya))).isOne();
	}

	@Test
	void anotherClinicSeesNoSession() {
		CurrentTenant.runAs(clinic, () -> sessions.log(maya, session("k-" + UUID.randomUUID(), 2, 2, "NONE", null)));
		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThat(CurrentTenant.callAs(other, () -> sessions.count(maya))).isZero();
		assertThatExceptionOfType(Sessions.NoPlan.class).isThrownBy(() -> CurrentTenant.callAs(other,
				() -> sessions.log(maya, session("k-" + UUID.randomUUID(), 2, 2, "NONE", null))));
	}
}
