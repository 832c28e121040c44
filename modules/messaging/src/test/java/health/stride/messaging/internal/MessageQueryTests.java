package health.stride.messaging.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.messaging.Threads;
import health.stride.messaging.Threads.MessageQuery;
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
 * Messages listed for readers outside the thread pages: by patient and time, a page at a time, each with
 * its patient, never another clinic's, and without marking anything read.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class MessageQueryTests {

	private final Threads threads;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;

	private TenantId clinic;
	private TenantId otherClinic;
	private PatientId maya;
	private PatientId leo;
	private UUID mayasThread;
	private UUID leosThread;

	MessageQueryTests(Threads threads, PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics) {
		this.threads = threads;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
	}

	@BeforeEach
	void twoPatientsOfAlexWithThreads() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		otherClinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Other").tenant();
		var alex = new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT");
		CurrentTenant.runAs(clinic, () -> {
			maya = register("patient.maya", "Maya");
			leo = register("patient.leo", "Leo");
			careTeams.assign(maya, alex, null);
			careTeams.assign(leo, alex, null);
		});
		// the care team's welcome comes from a listener after the commit: each thread starts with it
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic,
				() -> threads.ofPatient(maya).filter(it -> it.lastSeq() > 0).isPresent()
						&& threads.ofPatient(leo).filter(it -> it.lastSeq() > 0).isPresent()));
		mayasThread = CurrentTenant.callAs(clinic, () -> threads.ofPatient(maya)).orElseThrow().id();
		leosThread = CurrentTenant.callAs(clinic, () -> threads.ofPatient(leo)).orElseThrow().id();
	}

	@Test
	void listsAPatientsMessagesNewestFirstAPageAtATimeWithTheirPatient() {

		var patient = user("patient.maya", Role.PATIENT);
		var alex = user("pt.alex", Role.THERAPIST);
		CurrentTenant.runAs(clinic, () -> {
			threads.post(mayasThread, patient, "One");
			threads.post(mayasThread, alex, "Two");
			threads.post(mayasThread, patient, "Three");
			threads.post(leosThread, user("patient.leo", Role.PATIENT), "Leo's");
		});

		var first = page(new MessageQuery(List.of(maya), null, null, true, 0, 2));
		var second = page(new MessageQuery(List.of(maya), null, null, true, 2, 2));
		assertThat(first).extracting(it -> it.message().body()).containsExactly("Three", "Two");
		assertThat(second).extracting(it -> it.message().body()).containsExactly("One", null);
		assertThat(second.get(1).message().code()).as("the welcome, from Stride").isNotNull();
		assertThat(first).allSatisfy(it -> {
			assertThat(it.patient()).isEqualTo(maya);
			assertThat(it.thread()).isEqualTo(mayasThread);
		});
		assertThat(page(new MessageQuery(List.of(maya), null, null, false, 0, 10)))
				.extracting(it -> it.message().body()).containsExactly(null, "One", "Two", "Three");
		assertThat(page(new MessageQuery(null, null, null, true, 0, 10))).extracting(it -> it.message().body())
				.containsExactlyInAnyOrder(null, null, "One", "Two", "Three", "Leo's");
		assertThat(page(new MessageQuery(List.of(), null, null, true, 0, 10))).isEmpty();

		// reading them this way marks nothing as read for anyone
		var unread = CurrentTenant.callAs(clinic, () -> threads.of(alex)).stream()
				.filter(it -> it.patient().equals(maya)).findFirst().orElseThrow().unread();
		assertThat(unread).isEqualTo(2);
	}

	@Test
	void narrowsByTheTimeTheyWereSentAndFindsOneByItsId() {

		var patient = user("patient.maya", Role.PATIENT);
		var sent = CurrentTenant.callAs(clinic, () -> threads.post(mayasThread, patient, "Hello"));
		// the database keeps microseconds: whole milliseconds around the instant are safe bounds
		var before = sent.sentAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		var after = before.plusMillis(1);

		assertThat(page(new MessageQuery(List.of(maya), before, after, true, 0, 10))).extracting(it -> it.message().id())
				.containsExactly(sent.id());
		assertThat(page(new MessageQuery(List.of(maya), after, null, true, 0, 10))).isEmpty();
		assertThat(page(new MessageQuery(List.of(maya), null, before, true, 0, 10)))
				.as("only the welcome, sent before").extracting(it -> it.message().body()).containsExactly((String) null);

		var found = CurrentTenant.callAs(clinic, () -> threads.message(sent.id()));
		assertThat(found).hasValueSatisfying(it -> {
			assertThat(it.patient()).isEqualTo(maya);
			assertThat(it.message().body()).isEqualTo("Hello");
			assertThat(it.message().senderUsername()).isEqualTo("patient.maya");
		});
		// another clinic sees neither the message nor any page of it
		assertThat(CurrentTenant.callAs(otherClinic, () -> threads.message(sent.id()))).isEmpty();
		assertThat(CurrentTenant.callAs(otherClinic,
				() -> threads.messages(new MessageQuery(null, null, null, true, 0, 10)))).isEmpty();
	}

	@Test
	void refusesAPageOutOfBounds() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageQuery(null, null, null, true, -1, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageQuery(null, null, null, true, 0, 0));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new MessageQuery(null, null, null, true, 0, MessageQuery.MAX_LIMIT + 1));
	}

	private List<Threads.PatientMessage> page(MessageQuery query) {
		return CurrentTenant.callAs(clinic, () -> threads.messages(query));
	}

	private StrideUser user(String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}

	private PatientId register(String username, String firstName) {
		return patients.register(new NewPatient(UUID.randomUUID().toString(), username, firstName, "Okafor",
				LocalDate.of(1986, 4, 12), username + "@example.org", null, "WA", "America/Los_Angeles"));
	}
}
