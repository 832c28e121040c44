package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitCancelled;
import health.stride.visits.VisitId;
import health.stride.visits.VisitMissed;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.VisitsFixtures;

/**
 * A booked visit nobody started within 15 minutes of its start is marked missed, once however many
 * nodes run the job, and the patient's thread is told once however often the event comes. The job's
 * own schedule is pushed out of the way: each test says when "now" is.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = "stride.visits.missed-interval=PT1H")
class MissedVisitsTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private final MissedVisits job;
	private final Agendas agendas;
	private final Visits visits;
	private final Schedules schedules;
	private final Hosts hosts;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final Threads threads;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private UUID alex;
	private StrideUser alexSignedIn;
	private PatientId maya;
	private Instant start;

	MissedVisitsTests(MissedVisits job, Agendas agendas, Visits visits, Schedules schedules, Hosts hosts,
			VisitTypes types, PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics, Threads threads,
			ApplicationEventPublisher events, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.job = job;
		this.agendas = agendas;
		this.visits = visits;
		this.schedules = schedules;
		this.hosts = hosts;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.threads = threads;
		this.events = events;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aClinicWithATherapistAndAPatient() {
		clinic = VisitsFixtures.clinic(clinics, types, "Clinic");
		alexSignedIn = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		alex = CurrentTenant.callAs(clinic, () -> VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.alex",
				"Alex Morgan, PT", HostKind.THERAPIST, LOS_ANGELES, Duration.ZERO)).clinicianId();
		maya = CurrentTenant.callAs(clinic, () -> VisitsFixtures.patient(patients, careTeams, "patient.maya",
				"maya@example.org", new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"), null));
		start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
	}

	/** A visit straight into the table: booking refuses times in the past, and a missed visit was booked before. */
	VisitId visit(Instant startsAt, String status) {
		var id = VisitId.random();
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
				                          booked_by, booked_at, cancelled_by, cancelled_at)
				values (?, ?, ?, 'follow-up', ?, ?, ?, ?, 'admin.kim', ?, ?, ?)""")
				.params(id.id(), maya.id(), alex, Timestamp.from(startsAt), Timestamp.from(startsAt.plusSeconds(1800)),
						Timestamp.from(startsAt.plusSeconds(1800)), status, Timestamp.from(startsAt.minus(Duration.ofDays(2))),
						"CANCELLED".equals(status) ? "patient.maya" : null,
						"CANCELLED".equals(status) ? Timestamp.from(startsAt.minus(Duration.ofDays(1))) : null)
				.update()));
		return id;
	}

	String status(VisitId visit) {
		return CurrentTenant.callAs(clinic, () -> visits.find(visit)).orElseThrow().status().name();
	}

	long messages(@Nullable String code) {
		return CurrentTenant.callAs(clinic, () -> threads.latest(maya, 50)).stream()
				.filter(it -> code == null || code.equals(it.code())).count();
	}

	@Test
	void marksABookedVisitMissedOnceFifteenMinutesAfterItsStart(AssertablePublishedEvents published) {

		var visit = visit(start, "BOOKED");

		assertThat(job.markMissed(clinic, start.plus(Duration.ofMinutes(15)).minusSeconds(1))).isZero();
		assertThat(status(visit)).isEqualTo("BOOKED");

		assertThat(job.markMissed(clinic, start.plus(Duration.ofMinutes(15)))).isEqualTo(1);
		assertThat(job.markMissed(clinic, start.plus(Duration.ofMinutes(30)))).isZero();
		assertThat(status(visit)).isEqualTo("MISSED");
		assertThat(published.ofType(VisitMissed.class).matching(it -> it.visit().equals(visit))).hasSize(1);
		published.assertThat().contains(VisitMissed.class)
				.matching(it -> it.visit().equals(visit) && it.patient().equals(maya) && it.clinicianId().equals(alex)
						&& it.startsAt().equals(start) && it.tenant().equals(clinic));
	}

	@Test
	void leavesHeldAndCancelledVisitsAlone() {

		var held = visit(start, "COMPLETED");
		var cancelled = visit(start.plus(Duration.ofMinutes(40)), "CANCELLED");

		assertThat(job.markMissed(clinic, start.plus(Duration.ofHours(3)))).isZero();
		assertThat(status(held)).isEqualTo("COMPLETED");
		assertThat(status(cancelled)).isEqualTo("CANCELLED");
	}

	@Test
	void marksEachVisitOnceWhenSeveralNodesRunTheJobAtOnce() throws Exception {

		for (int i = 0; i < 4; i++) {
			visit(start.plus(Duration.ofMinutes(40L * i)), "BOOKED");
		}
		var now = start.plus(Duration.ofHours(4));
		var go = new CountDownLatch(1);
		try (var nodes = Executors.newFixedThreadPool(8)) {
			var runs = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
			for (int i = 0; i < 8; i++) {
				runs.add(nodes.submit((Callable<Integer>) () -> {
					go.await();
					return job.markMissed(clinic, now);
				}));
			}
			go.countDown();
			var marked = 0;
			for (var run : runs) {
				marked += run.get();
			}
			assertThat(marked).isEqualTo(4);
		}
	}

	@Test
	void aVisitHeldByItsClinicianIsNotMarkedMissed() {

		var visit = visit(start, "BOOKED");
		var later = visit(Instant.now().plus(Duration.ofHours(2)), "BOOKED");

		assertThat(CurrentTenant.callAs(clinic, () -> agendas.markHeld(alexSignedIn, visit))).isTrue();
		assertThat(CurrentTenant.callAs(clinic, () -> agendas.markHeld(alexSignedIn, visit))).isFalse();
		assertThat(CurrentTenant.callAs(clinic, () -> agendas.markHeld(alexSignedIn, later))).as("not started yet").isFalse();
		var someoneElse = new StrideUser(UUID.randomUUID().toString(), "pt.sam", List.of(clinic), Set.of(Role.THERAPIST));
		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> agendas.markHeld(someoneElse, later)));

		assertThat(job.markMissed(clinic, start.plus(Duration.ofHours(1)))).isZero();
		assertThat(status(visit)).isEqualTo("COMPLETED");

		// the clinician forgot to say so in time: the missed visit is corrected
		var forgotten = visit(start.minus(Duration.ofHours(2)), "BOOKED");
		assertThat(job.markMissed(clinic, start)).isEqualTo(1);
		assertThat(CurrentTenant.callAs(clinic, () -> agendas.markHeld(alexSignedIn, forgotten))).isTrue();
		assertThat(status(forgotten)).isEqualTo("COMPLETED");
	}

	@Test
	void tellsThePatientsThreadOnceHoweverOftenTheEventComes() {

		var visit = visit(start, "BOOKED");
		job.markMissed(clinic, start.plus(Duration.ofMinutes(20)));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages(VisitThreadNotes.MISSED) == 1);

		// the registry re-publishes an event whose listener did not finish: the same event again
		var replayed = new VisitMissed(clinic, visit, maya, alex, start);
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> events.publishEvent(replayed)));
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> events.publishEvent(replayed)));
		var other = visit(start.plus(Duration.ofDays(1)), "CANCELLED");
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> events.publishEvent(new VisitCancelled(
				clinic, other, maya, alex, start.plus(Duration.ofDays(1)), VisitCancelled.Timing.IN_TIME))));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages(VisitThreadNotes.CANCELLED) == 1);

		Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
				.until(() -> messages(VisitThreadNotes.MISSED) == 1);
		var missed = CurrentTenant.callAs(clinic, () -> threads.latest(maya, 50)).stream()
				.filter(it -> VisitThreadNotes.MISSED.equals(it.code())).findFirst().orElseThrow();
		assertThat(missed.arguments()).containsExactly("Alex Morgan, PT");
		assertThat(missed.senderName()).isEqualTo("Stride");
	}
}
