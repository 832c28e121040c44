package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.internal.CaseloadReason;
import health.stride.careteams.internal.Caseloads;
import health.stride.patients.PatientStatus;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.patients.RedFlagsReported;
import health.stride.patients.PatientId;
import health.stride.programs.ExerciseSessionLogged;
import health.stride.programs.PainFlareReported;
import health.stride.programs.ProgramAssigned;
import health.stride.programs.ProgramTailored;
import health.stride.programs.ProgressionSuggested;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The order of a caseload, one case per reason, and how the read model follows the patients' events. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class CaseloadTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final Caseloads caseloads;
	private final health.stride.messaging.Threads threads;
	private final health.stride.patients.PatientDirectory directory;
	private final RedFlags redFlags;
	private final CareTeamFixtures fixtures;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;

	CaseloadTests(health.stride.messaging.Threads threads, health.stride.patients.PatientDirectory directory,
			ClinicRegistry clinics, ClinicianManagement clinicians, Caseloads caseloads,
			RedFlags redFlags, CareTeamFixtures fixtures, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.threads = threads;
		this.directory = directory;
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.caseloads = caseloads;
		this.redFlags = redFlags;
		this.fixtures = fixtures;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aClinic() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
	}

	@Test
	void ordersTheCaseloadByReasonThenByLatestActivity() {

		var now = Instant.now();
		var days = (java.util.function.IntFunction<Instant>) n -> now.minus(Duration.ofDays(n));

		// name, red flags, last flare, unanswered, intake done, plan assigned, last session, ready, last activity
		entry("Routine Rita", 0, null, 0, days.apply(30), days.apply(20), days.apply(1), false, days.apply(1));
		entry("Progress Pat", 0, null, 0, days.apply(30), days.apply(20), days.apply(1), true, days.apply(1));
		entry("Inactive Ian", 0, null, 0, days.apply(30), days.apply(20), days.apply(9), false, days.apply(9));
		entry("Planless Paula", 0, null, 0, days.apply(2), null, null, false, days.apply(2));
		entry("Message Mo", 0, null, 2, days.apply(30), days.apply(20), days.apply(1), false, days.apply(1));
		entry("Flare Flo", 0, days.apply(3), 0, days.apply(30), days.apply(20), days.apply(3), true, days.apply(3));
		entry("Old Flare Olga", 0, days.apply(12), 0, days.apply(30), days.apply(20), days.apply(2), false, days.apply(3));
		entry("Red Flag Rob", 1, days.apply(2), 1, days.apply(30), null, null, false, days.apply(5));
		entry("Another Red Ann", 2, null, 0, days.apply(30), null, null, false, days.apply(4));

		var page = call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25));

		assertThat(page.totalElements()).isEqualTo(9);
		assertThat(page.content()).extracting(Caseloads.Entry::displayName).containsExactly("Another Red Ann",
				"Red Flag Rob", "Flare Flo", "Message Mo", "Planless Paula", "Inactive Ian", "Progress Pat",
				"Routine Rita", "Old Flare Olga");
		assertThat(page.content()).extracting(Caseloads.Entry::priority).containsExactly(1, 1, 2, 3, 5, 6, 7, 8, 8);
		assertThat(page.content().get(1).reasons()).containsExactly(CaseloadReason.RED_FLAG, CaseloadReason.PAIN_FLARE,
				CaseloadReason.UNANSWERED_MESSAGE, CaseloadReason.NEEDS_PLAN);
		assertThat(page.content().get(2).reasons()).as("a recent flare holds back progression")
				.containsExactly(CaseloadReason.PAIN_FLARE);
		assertThat(page.content().get(8).reasons()).isEmpty();
	}

	@Test
	void filtersByReasonStatusAndNameAndPages() {

		for (int i = 0; i < 30; i++) {
			entry("Patient " + i, i % 3 == 0 ? 1 : 0, null, 0, Instant.now(), Instant.now(), Instant.now(), false,
					Instant.now().minusSeconds(i));
		}

		var redFlags = call(() -> caseloads.of("pt.alex", new Caseloads.Filter(CaseloadReason.RED_FLAG, null, null), 0, 4));
		assertThat(redFlags.totalElements()).isEqualTo(10);
		assertThat(redFlags.content()).hasSize(4).allSatisfy(it -> assertThat(it.reasons()).contains(CaseloadReason.RED_FLAG));

		var secondPage = call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 1, 25));
		assertThat(secondPage.totalElements()).isEqualTo(30);
		assertThat(secondPage.content()).hasSize(5);
		assertThat(call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 5, 25))).satisfies(it -> {
			assertThat(it.content()).isEmpty();
			assertThat(it.totalElements()).isEqualTo(30);
		});

		assertThat(call(() -> caseloads.of("pt.alex", new Caseloads.Filter(null, null, "tient 2"), 0, 25)).content())
				.extracting(Caseloads.Entry::displayName).containsExactlyInAnyOrder("Patient 2", "Patient 20",
						"Patient 21", "Patient 22", "Patient 23", "Patient 24", "Patient 25", "Patient 26", "Patient 27",
						"Patient 28", "Patient 29");
		assertThat(call(() -> caseloads.of("pt.alex", new Caseloads.Filter(null, null, "100%_"), 0, 25)).content()).isEmpty();
		assertThat(call(() -> caseloads.of("pt.alex", new Caseloads.Filter(null, PatientStatus.PAUSED, null), 0, 25))
				.totalElements()).isZero();
		assertThat(call(() -> caseloads.of("pt.sam", Caseloads.Filter.none(), 0, 25)).totalElements()).isZero();
	}

	@Test
	void aRedFlagPutsThePatientFirstOnTheirTherapistsCaseloadOnceHoweverOftenItArrives(Scenario scenario) {

		CurrentTenant.runAs(clinic, () -> {
			clinicians.add("pt.alex", "Alex, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
		});
		var calm = call(() -> fixtures.patient("Calm", "WA"));
		var maya = call(() -> fixtures.patient("Maya", "WA"));
		CurrentTenant.runAs(clinic, () -> {
			fixtures.completeIntake(calm);
			fixtures.completeIntake(maya);
		});
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).totalElements() == 2);

		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> redFlags.report(maya, Set.of(RedFlag.SADDLE_NUMBNESS), RedFlags.Source.REPORT))
				.andWaitForStateChange(() -> call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25))
						.content().get(0).displayName(), name -> name.startsWith("Maya"))
				.andVerify(name -> assertThat(name).isEqualTo("Maya Tester")));

		// the same report delivered again changes nothing
		var report = call(() -> redFlags.open(maya)).getFirst().id();
		CurrentTenant.runAs(clinic, () -> scenario.publish(new RedFlagsReported(clinic, maya, report))
				.andWaitForStateChange(() -> redFlagReportsHandled(report), count -> count >= 2)
				.andVerify(count -> assertThat(count).isEqualTo(2)));
		var first = call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).content().get(0);
		assertThat(first.reasons()).containsExactly(CaseloadReason.RED_FLAG, CaseloadReason.NEEDS_PLAN);
		Integer open = call(() -> transaction.execute(status -> jdbc
				.sql("select open_red_flags from careteams.caseload_entry where patient_id = ?").param(maya.id())
				.query(Integer.class).single()));
		assertThat(open).isOne();
	}

	@Test
	void whatThePatientsProgramsAndMessagingModulesReportReachesTheCaseload(Scenario scenario) {

		CurrentTenant.runAs(clinic, () -> clinicians.add("pt.alex", "Alex, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		var maya = call(() -> fixtures.patient("Maya", "WA"));
		CurrentTenant.runAs(clinic, () -> fixtures.completeIntake(maya)); // intake completed, then a care team assigned
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call(
				() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).totalElements() == 1);
		assertThat(reasons()).containsExactly(CaseloadReason.NEEDS_PLAN);

		CurrentTenant.runAs(clinic, () -> scenario.publish(new ProgramAssigned(clinic, maya, UUID.randomUUID(), 1))
				.andWaitForStateChange(this::reasons, reasons -> !reasons.contains(CaseloadReason.NEEDS_PLAN))
				.andVerify(reasons -> assertThat(reasons).isEmpty()));

		var report = call(() -> redFlags.report(maya, Set.of(RedFlag.SADDLE_NUMBNESS), RedFlags.Source.REPORT));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reasons().contains(CaseloadReason.RED_FLAG));
		asAlex(() -> redFlags.clear(maya, report.id(), "Seen by a doctor; no emergency."));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reasons().contains(CaseloadReason.RED_FLAG));

		var thread = Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> call(() -> threads.ofPatient(maya)), java.util.Optional::isPresent).orElseThrow().id();
		var patient = new health.stride.platform.security.StrideUser(UUID.randomUUID().toString(),
				call(() -> directory.find(maya)).orElseThrow().username(), List.of(clinic),
				Set.of(health.stride.platform.security.Role.PATIENT));
		CurrentTenant.runAs(clinic, () -> threads.post(thread, patient, "Is swimming fine?"));
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> reasons().contains(CaseloadReason.UNANSWERED_MESSAGE));

		asAlex(() -> directory.changeStatus(maya, PatientStatus.PAUSED, "Travelling"));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call(() -> caseloads.of("pt.alex",
				new Caseloads.Filter(null, PatientStatus.PAUSED, null), 0, 25)).totalElements() == 1);
	}

	@Test
	void sessionsFlaresAndSuggestionsFromProgramsReachTheCaseloadOnceHoweverOftenTheyArrive(Scenario scenario) {

		var flo = entry("Flare Flo", 0, null, 0, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(20)),
				Instant.now().minus(Duration.ofDays(9)), false, Instant.now().minus(Duration.ofDays(9)));
		assertThat(reasons()).containsExactly(CaseloadReason.INACTIVE);

		var now = Instant.now();
		// the sessions as programs keeps them: the caseload asks programs for the pain, the event carries none
		var earlier = storeSession(flo, now.minus(Duration.ofHours(2)), 2);
		var session = new ExerciseSessionLogged(clinic, flo, storeSession(flo, now, 6), now);
		CurrentTenant.runAs(clinic, () -> scenario.publish(session)
				.andWaitForStateChange(this::reasons, reasons -> !reasons.contains(CaseloadReason.INACTIVE))
				.andVerify(reasons -> assertThat(reasons).isEmpty()));
		assertThat(lastPain()).as("the pain after the newest session").isEqualTo(6);
		CurrentTenant.runAs(clinic, () -> scenario // the earlier session's event, arriving late
				.publish(new ExerciseSessionLogged(clinic, flo, earlier, now.minus(Duration.ofHours(2))))
				.andWaitForStateChange(() -> sessionsHandled(flo), count -> count >= 2)
				.andVerify(count -> assertThat(lastPain()).as("still the newest session's pain").isEqualTo(6)));

		var flare = new PainFlareReported(clinic, flo, session.session(), now);
		CurrentTenant.runAs(clinic, () -> scenario.publish(flare)
				.andWaitForStateChange(this::reasons, reasons -> reasons.contains(CaseloadReason.PAIN_FLARE))
				.andVerify(reasons -> assertThat(reasons).containsExactly(CaseloadReason.PAIN_FLARE)));
		CurrentTenant.runAs(clinic, () -> scenario.publish(flare) // again: the same flare, the same moment
				.andWaitForStateChange(() -> flaresHandled(flare), count -> count >= 2)
				.andVerify(count -> assertThat(reasons()).containsExactly(CaseloadReason.PAIN_FLARE)));
		assertThat(call(() -> transaction.execute(status -> jdbc
				.sql("select last_pain_flare_at from careteams.caseload_entry where patient_id = ?").param(flo.id())
				.query(java.sql.Timestamp.class).single())).toInstant().toEpochMilli() / 10)
				.isEqualTo(now.toEpochMilli() / 10);

		var ready = new ProgressionSuggested(clinic, flo, UUID.randomUUID(), now);
		// the suggestion as programs keeps it: the caseload asks programs whether it is still open
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into programs.progression_suggestion (tenant_id, patient_id, id, reason, suggested_at)
				values (current_setting('stride.tenant_id', true), ?, ?, 'Steady', now())""")
				.params(flo.id(), ready.suggestion()).update()));
		CurrentTenant.runAs(clinic, () -> scenario.publish(ready)
				.andWaitForStateChange(() -> readyToProgress(flo), Boolean::booleanValue)
				.andVerify(flag -> assertThat(reasons()).as("a recent flare holds back progression")
						.containsExactly(CaseloadReason.PAIN_FLARE)));
		CurrentTenant.runAs(clinic, () -> scenario.publish(new ProgramTailored(clinic, flo, UUID.randomUUID(), 3))
				.andWaitForStateChange(() -> readyToProgress(flo), flag -> !flag)
				.andVerify(flag -> assertThat(flag).isFalse()));
	}

	private List<CaseloadReason> reasons() {
		return call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).content().get(0).reasons();
	}

	/** Does the work in the clinic as its therapist, signed in. */
	private void asAlex(Runnable work) {
		var alex = new health.stride.platform.security.StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic),
				Set.of(health.stride.platform.security.Role.THERAPIST));
		org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
				org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(alex, null,
						List.of()));
		try {
			CurrentTenant.runAs(clinic, work);
		} finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
	}

	/** How many deliveries of this red-flag report the caseload has completed. */
	private long redFlagReportsHandled(UUID report) {
		return transaction.execute(status -> jdbc.sql("""
				select count(*) from event_publication
				where completion_date is not null and event_type like '%RedFlagsReported'
				  and listener_id like '%careteams%' and serialized_event like ?""")
				.param("%" + report + "%").query(Long.class).single());
	}

	/** How many deliveries of this flare the caseload has completed. */
	private long flaresHandled(PainFlareReported flare) {
		return transaction.execute(status -> jdbc.sql("""
				select count(*) from event_publication
				where completion_date is not null and event_type like '%PainFlareReported'
				  and listener_id like '%careteams%' and serialized_event like ?""")
				.param("%" + flare.session() + "%").query(Long.class).single());
	}

	/** A session as the programs module stores it, with the pain the patient reported afterwards. */
	private UUID storeSession(PatientId patient, Instant performedAt, int painAfter) {
		var id = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into programs.session (tenant_id, patient_id, id, idempotency_key, performed_at, recorded_at,
				    plan_version, pain_before, pain_after, symptom_shift, flare)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, now(), 1, 3, ?, 'NONE', false)""")
				.params(patient.id(), id, "k-" + id, java.sql.Timestamp.from(performedAt), painAfter).update()));
		return id;
	}

	private long sessionsHandled(PatientId patient) {
		return transaction.execute(status -> jdbc.sql("""
				select count(*) from event_publication
				where completion_date is not null and event_type like '%ExerciseSessionLogged'
				  and listener_id like '%careteams%' and serialized_event like ?""")
				.param("%" + patient.id() + "%").query(Long.class).single());
	}

	private Integer lastPain() {
		return call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).content().get(0).lastPain();
	}

	private boolean readyToProgress(PatientId patient) {
		return call(() -> transaction.execute(status -> jdbc
				.sql("select ready_to_progress from careteams.caseload_entry where patient_id = ?").param(patient.id())
				.query(Boolean.class).single()));
	}

	@Test
	void anotherClinicsCaseloadEntriesAreInvisible() {

		entry("Mine", 0, null, 0, Instant.now(), null, null, false, Instant.now());
		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();

		assertThat(CurrentTenant.callAs(other, () -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25))
				.totalElements()).isZero();
	}

	private PatientId entry(String name, int redFlags, Instant lastFlare, int unanswered, Instant intakeDone,
			Instant planAssigned, Instant lastSession, boolean ready, Instant lastActivity) {
		var id = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into careteams.caseload_entry (tenant_id, patient_id, display_name, state, status,
				    therapist_username, intake_completed_at, open_red_flags, last_pain_flare_at, unanswered_messages,
				    plan_assigned_at, last_session_at, ready_to_progress, last_activity_at)
				values (current_setting('stride.tenant_id', true), ?, ?, 'WA', 'ACTIVE', 'pt.alex', ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, name, ts(intakeDone), redFlags, ts(lastFlare), unanswered, ts(planAssigned),
						ts(lastSession), ready, ts(lastActivity))
				.update()));
		return new PatientId(id);
	}

	private static java.sql.Timestamp ts(Instant instant) {
		return instant == null ? null : java.sql.Timestamp.from(instant);
	}

	private <T> T call(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}

}
