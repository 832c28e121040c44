package health.stride.messaging;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.FieldErrors;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.programs.PainFlareReported;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Threads follow the care team, keep outsiders out, count unread messages exactly and post system messages once. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ThreadTests {

	private final Threads threads;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final CareTeamNotices notices;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser patient, alex, rio, sam;

	ThreadTests(Threads threads, PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics,
			CareTeamNotices notices) {
		this.threads = threads;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.notices = notices;
	}

	static final CareTeam.Member ALEX = new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT");
	static final CareTeam.Member RIO = new CareTeam.Member(UUID.randomUUID(), "coach.rio", "Rio Santos");
	static final CareTeam.Member SAM = new CareTeam.Member(UUID.randomUUID(), "pt.sam", "Sam Patel, PT");

	@BeforeEach
	void mayaWithAlexAndRio(Scenario scenario) {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		patient = user("patient.maya", Role.PATIENT);
		alex = user("pt.alex", Role.THERAPIST);
		rio = user("coach.rio", Role.COACH);
		sam = user("pt.sam", Role.THERAPIST);
		maya = CurrentTenant.callAs(clinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				"patient.maya", "Maya", "Okafor", LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA",
				"America/Los_Angeles")));
		// the care team arrives as an event: the thread opens with a welcome
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> careTeams.assign(maya, ALEX, RIO))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> threads.ofPatient(maya))
						.filter(it -> it.lastSeq() > 0))
				.andVerify(thread -> assertThat(thread).isPresent()));
	}

	StrideUser user(String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}

	UUID thread() {
		return CurrentTenant.callAs(clinic, () -> threads.ofPatient(maya)).orElseThrow().id();
	}

	long unread(StrideUser user) {
		return CurrentTenant.callAs(clinic, () -> threads.of(user)).stream().mapToLong(Threads.Summary::unread).sum();
	}

	@Test
	void theCareTeamTakesPartAndAReassignmentKeepsTheHistory(Scenario scenario) {

		var thread = CurrentTenant.callAs(clinic, () -> threads.find(thread())).orElseThrow();
		assertThat(thread.participants()).extracting(Threads.Participant::username, Threads.Participant::active)
				.containsExactlyInAnyOrder(tuple("patient.maya", true), tuple("pt.alex", true), tuple("coach.rio", true));
		var welcome = CurrentTenant.callAs(clinic, () -> threads.read(thread(), patient, 0, true));
		assertThat(welcome).singleElement().satisfies(it -> {
			assertThat(it.senderRole()).isEqualTo(SenderRole.SYSTEM);
			assertThat(it.body()).contains("Alex Morgan, PT is your physical therapist").contains("Rio Santos");
		});
		CurrentTenant.runAs(clinic, () -> threads.post(thread(), alex, "How did the first session go?"));

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> careTeams.assign(maya, SAM, null))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> threads.find(thread())).orElseThrow()
						.participant("pt.alex").orElseThrow().active(), active -> !active)
				.andVerify(active -> assertThat(active).isFalse()));

		var after = CurrentTenant.callAs(clinic, () -> threads.find(thread())).orElseThrow();
		assertThat(after.participant("pt.sam").orElseThrow().active()).isTrue();
		assertThat(after.participant("coach.rio").orElseThrow().active()).isFalse();
		assertThat(CurrentTenant.callAs(clinic, () -> threads.read(thread(), sam, 0, true)))
				.as("the new therapist reads the history").extracting(Threads.Message::body)
				.contains("How did the first session go?");
		assertThat(unread(sam)).as("what came before they joined is not unread to them").isZero();
		assertThatExceptionOfType(Threads.NotFound.class).as("the former therapist writes no more")
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> threads.post(thread(), alex, "Hello?")));
		assertThatExceptionOfType(Threads.NotFound.class).as("nor reads what comes next")
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> threads.read(thread(), alex, 0, true)));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.of(alex))).isEmpty();
	}

	@Test
	void anyoneElseIsToldTheThreadDoesNotExist() {

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThatExceptionOfType(Threads.NotFound.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> threads.post(thread(), sam, "Hi")));
		assertThatExceptionOfType(Threads.NotFound.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> threads.read(thread(), sam, 0, true)));
		assertThatExceptionOfType(Threads.NotFound.class).as("another clinic")
				.isThrownBy(() -> CurrentTenant.callAs(other, () -> threads.read(thread(), alex, 0, true)));
		var impostor = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.PATIENT));
		assertThatExceptionOfType(Threads.NotFound.class).as("a patient with a clinician's username")
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> threads.post(thread(), impostor, "Hi")));
		assertThatExceptionOfType(FieldErrors.Invalid.class).isThrownBy(() -> CurrentTenant.callAs(clinic,
				() -> threads.post(thread(), patient, "x".repeat(Threads.MAX_BODY + 1))));
		assertThatExceptionOfType(FieldErrors.Invalid.class)
				.isThrownBy(() -> CurrentTenant.callAs(clinic, () -> threads.post(thread(), patient, "   ")));
	}

	@Test
	void unreadCountsAreExactWithManyWritingAndReadingAtOnce() throws Exception {

		var thread = thread();
		var start = new CountDownLatch(1);
		var work = new ArrayList<Future<?>>();
		try (var pool = Executors.newFixedThreadPool(8)) {
			for (int w = 0; w < 5; w++) {
				work.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 10; i++) {
						CurrentTenant.runAs(clinic, () -> threads.post(thread, patient, "From Maya"));
					}
					return null;
				}));
			}
			for (int w = 0; w < 2; w++) {
				work.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 10; i++) {
						CurrentTenant.runAs(clinic, () -> threads.post(thread, alex, "From Alex"));
					}
					return null;
				}));
			}
			work.add(pool.submit(() -> { // Rio keeps reading while the others write
				start.await();
				for (int i = 0; i < 20; i++) {
					CurrentTenant.runAs(clinic, () -> threads.read(thread, rio, 0, true));
				}
				return null;
			}));
			start.countDown();
			for (var done : work) {
				done.get();
			}
		}

		var all = CurrentTenant.callAs(clinic, () -> threads.read(thread, alex, 0, false));
		assertThat(all).hasSize(71).extracting(Threads.Message::seq).doesNotHaveDuplicates();
		assertThat(unread(patient)).as("Alex's 20 and the welcome").isEqualTo(21);
		assertThat(unread(alex)).as("Maya's 50; what Alex was sent without reading stays unread").isEqualTo(50);
		assertThat(unread(rio)).as("what came after Rio's last read").isEqualTo(
				all.stream().filter(it -> it.senderRole() != SenderRole.SYSTEM
						&& it.seq() > CurrentTenant.callAs(clinic, () -> threads.find(thread)).orElseThrow()
								.participant("coach.rio").orElseThrow().readSeq()).count());

		CurrentTenant.runAs(clinic, () -> threads.read(thread, rio, 0, true));
		assertThat(unread(rio)).isZero();
		assertThat(CurrentTenant.callAs(clinic, () -> threads.unansweredFor(maya))).as("after Alex's last reply")
				.isEqualTo(all.stream().filter(it -> it.senderRole() == SenderRole.PATIENT
						&& it.seq() > all.stream().filter(m -> m.senderRole() == SenderRole.THERAPIST)
								.mapToLong(Threads.Message::seq).max().orElse(0)).count());
	}

	@Test
	void aChangedCareTeamIsNotWelcomedAgainAndIsAnnouncedOncePerChangeNamingTheNewcomers(Scenario scenario) {

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> careTeams.assign(maya, SAM, RIO))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> threads.find(thread())).orElseThrow()
						.participant("pt.sam").map(Threads.Participant::active).orElse(false), active -> active)
				.andVerify(active -> assertThat(active).isTrue()));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.read(thread(), patient, 0, true)))
				.as("only the first care team is welcomed").singleElement().asString().contains("Alex Morgan, PT");

		var changedAt = java.time.Instant.parse("2026-11-30T10:15:30.123456Z");
		CurrentTenant.runAs(clinic, () -> {
			notices.announceNewClinicians(maya, changedAt, "Sam Patel, PT", null);
			notices.announceNewClinicians(maya, changedAt, "Sam Patel, PT", null); // the same change, told again
			notices.announceNewClinicians(maya, changedAt.plusSeconds(60), null, null); // nobody new: nothing to say
		});

		assertThat(CurrentTenant.callAs(clinic, () -> threads.read(thread(), patient, 0, true)))
				.extracting(Threads.Message::senderRole, Threads.Message::body)
				.containsExactly(tuple(SenderRole.SYSTEM, CurrentTenant.callAs(clinic, () -> threads.latest(maya, 10))
						.getLast().body()), tuple(SenderRole.SYSTEM, "Your care team changed: Sam Patel, PT is now your"
								+ " physical therapist. Write here with any question; your care team usually answers"
								+ " within one working day."));
	}

	@Test
	void aSystemMessageIsPostedOnceHoweverOftenItsEventArrives(Scenario scenario, PublishedEvents events) {

		var flare = new PainFlareReported(clinic, maya, UUID.randomUUID(), java.time.Instant.now());
		CurrentTenant.runAs(clinic, () -> scenario.publish(flare)
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> threads.find(thread())).orElseThrow().lastSeq(),
						seq -> seq == 2)
				.andVerify(seq -> assertThat(seq).isEqualTo(2)));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.postSystem(maya, "flare:" + flare.session(), "again", false)))
				.isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> threads.read(thread(), patient, 0, true)))
				.extracting(Threads.Message::body).last().asString().startsWith("Your last session ended with more pain");
		assertThat(unread(alex)).as("Stride's messages are written to the patient").isZero();

		CurrentTenant.runAs(clinic, () -> threads.postSystem(maya, "red-flag:x", "Urgent", true));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.of(alex))).singleElement()
				.satisfies(it -> assertThat(it.urgent()).isTrue());
	}
}
