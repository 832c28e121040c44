package health.stride.messaging.internal;

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
import org.awaitility.Awaitility;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.programs.PainFlareReported;
import health.stride.messaging.SenderRole;
import health.stride.messaging.Threads;
import health.stride.patients.CareTeamAssigned;
import health.stride.platform.security.Role;
import health.stride.platform.validation.InvalidInput;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Threads follow the care team, keep outsiders out, count unread messages exactly and post system messages once. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ThreadTests {

	private final ThreadService threads;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final MessageSource messages;
	private final ApplicationEventPublisher publisher;
	private final org.springframework.transaction.support.TransactionTemplate transaction;
	private final JdbcClient jdbc;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser patient, alex, rio, sam;

	ThreadTests(ThreadService threads, PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics,
			MessageSource messages, ApplicationEventPublisher publisher,
			org.springframework.transaction.PlatformTransactionManager transactions, JdbcClient jdbc) {
		this.threads = threads;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.messages = messages;
		this.publisher = publisher;
		this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
		this.jdbc = jdbc;
	}

	/** A message as an English reader reads it. */
	String english(Threads.Message message) {
		return message.text(messages, java.util.Locale.ENGLISH);
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
			assertThat(english(it)).contains("Alex Morgan, PT is your physical therapist").contains("Rio Santos");
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
				.as("the new therapist reads the history").extracting(this::english)
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
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> CurrentTenant.callAs(clinic,
				() -> threads.post(thread(), patient, "x".repeat(Threads.MAX_BODY + 1))));
		assertThatExceptionOfType(InvalidInput.class)
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
	void aChangedCareTeamIsNotWelcomedAgainAndIsAnnouncedOncePerChangeNamingTheNewcomers(Scenario scenario,
			PublishedEvents events) {

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> careTeams.assign(maya, SAM, RIO))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> threads.find(thread())).orElseThrow()
						.lastSeq(), seq -> seq == 2)
				.andVerify(seq -> assertThat(seq).isEqualTo(2)));
		var announced = CurrentTenant.callAs(clinic, () -> threads.read(thread(), patient, 0, true));
		assertThat(english(announced.getFirst())).as("only the first care team is welcomed").contains("Alex Morgan, PT");
		assertThat(announced).extracting(Threads.Message::senderRole, this::english).last().isEqualTo(tuple(
				SenderRole.SYSTEM, "Your care team changed: Sam Patel, PT is now your physical therapist. Write here with"
						+ " any question; your care team usually answers within one working day."));

		// the same change told again, and a change that brings nobody new: nothing more to say
		var change = java.util.stream.StreamSupport
				.stream(events.ofType(CareTeamAssigned.class).matching(CareTeamAssigned::isChange).spliterator(), false)
				.findFirst().orElseThrow();
		transaction.executeWithoutResult(status -> {
			publisher.publishEvent(change);
			publisher.publishEvent(new CareTeamAssigned(clinic, maya, SAM.clinicianId(), RIO.clinicianId(),
					SAM.clinicianId(), RIO.clinicianId(), change.assignedAt().plusSeconds(60)));
		});
		Awaitility.await().during(java.time.Duration.ofSeconds(2)).atMost(java.time.Duration.ofSeconds(5))
				.until(() -> CurrentTenant.callAs(clinic, () -> threads.find(thread())).orElseThrow().lastSeq() == 2);
	}

	@Test
	void aSystemMessageIsReadInTheReadersLanguageAndAnOldOneInItsOwnText() {

		var welcome = CurrentTenant.callAs(clinic, () -> threads.read(thread(), patient, 0, true)).getFirst();

		assertThat(welcome.code()).isEqualTo(SystemMessages.WELCOME_WITH_COACH);
		assertThat(welcome.text(messages, java.util.Locale.of("es")))
				.startsWith("¡Bienvenido! Alex Morgan, PT es su fisioterapeuta.").contains("Rio Santos");
		assertThat(english(welcome)).startsWith("Welcome! Alex Morgan, PT is your physical therapist.");

		// written before system messages were codes: English text in the row, shown as it is
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into messaging.message (thread_id, seq, id, sender_role, sender_name, body, sent_at, system_key)
				values (?, 1000, ?, 'SYSTEM', 'Stride', 'Your exercise plan is ready.', now(), ?)""")
				.params(thread(), UUID.randomUUID(), "old:" + UUID.randomUUID()).update()));
		var old = CurrentTenant.callAs(clinic, () -> threads.read(thread(), patient, 999, true)).getFirst();
		assertThat(old.code()).isNull();
		assertThat(old.text(messages, java.util.Locale.of("es"))).isEqualTo("Your exercise plan is ready.");
	}

	@Test
	void aSystemMessageIsPostedOnceHoweverOftenItsEventArrives(Scenario scenario, PublishedEvents events) {

		var flare = new PainFlareReported(clinic, maya, UUID.randomUUID(), java.time.Instant.now());
		CurrentTenant.runAs(clinic, () -> scenario.publish(flare)
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> threads.find(thread())).orElseThrow().lastSeq(),
						seq -> seq == 2)
				.andVerify(seq -> assertThat(seq).isEqualTo(2)));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.postSystem(maya, "flare:" + flare.session(),
				SystemMessages.PLAN_READY, List.of(), false)))
				.isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> threads.read(thread(), patient, 0, true)))
				.extracting(this::english).last().asString().startsWith("Your last session or walk ended with more pain");
		assertThat(unread(alex)).as("Stride's messages are written to the patient").isZero();

		CurrentTenant.runAs(clinic, () -> threads.postSystem(maya, "red-flag:x", SystemMessages.URGENT, List.of(), true));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.of(alex))).singleElement()
				.satisfies(it -> assertThat(it.urgent()).isTrue());
	}
}
