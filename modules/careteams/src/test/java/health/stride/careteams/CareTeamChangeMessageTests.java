package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.internal.Assignments;
import health.stride.messaging.Threads;
import health.stride.patients.CareTeamAssigned;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** A patient whose care team changes is told in their thread who now cares for them, once per change. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class CareTeamChangeMessageTests {

	static final String CHANGED = "Your care team changed: ";

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final Assignments assignments;
	private final CareTeamFixtures fixtures;
	private final Threads threads;
	private final org.springframework.context.MessageSource messages;
	private final ApplicationEventPublisher publisher;
	private final TransactionTemplate transactions;

	private TenantId clinic;

	CareTeamChangeMessageTests(ClinicRegistry clinics, ClinicianManagement clinicians, Assignments assignments,
			CareTeamFixtures fixtures, Threads threads, ApplicationEventPublisher publisher,
			TransactionTemplate transactions, org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.assignments = assignments;
		this.fixtures = fixtures;
		this.threads = threads;
		this.publisher = publisher;
		this.transactions = transactions;
	}

	@BeforeEach
	void aClinic() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
	}

	@Test
	void reassigningAPatientPostsOneMessageNamingTheNewTherapistEvenWhenTheChangeIsDeliveredAgain(
			PublishedEvents events) {

		var wren = call(() -> clinicians.add("pt.wren", "Wren Ellis, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		var alex = call(() -> clinicians.add("pt.alex", "Alex Kim, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		var coach = call(() -> clinicians.add("coach.rio", "Rio Santos", ClinicianRole.COACH, List.of()));
		var maya = call(() -> fixtures.patient("Maya", "WA"));

		in(() -> assignments.assign(maya, wren, null));
		await(maya, bodies -> bodies.stream().anyMatch(it -> it.startsWith("Welcome! Wren Ellis, PT")));

		in(() -> assignments.assign(maya, alex, coach));
		var changed = await(maya, bodies -> bodies.stream().anyMatch(it -> it.startsWith(CHANGED)));
		assertThat(changed).filteredOn(it -> it.startsWith(CHANGED)).singleElement().asString()
				.startsWith(CHANGED + "Alex Kim, PT is now your physical therapist and Rio Santos your health coach.");
		assertThat(changed).as("a change is not welcomed again").filteredOn(it -> it.startsWith("Welcome!")).hasSize(1);

		// the same change delivered again (as after a restart with the publication still incomplete)
		var change = java.util.stream.StreamSupport
				.stream(events.ofType(CareTeamAssigned.class).matching(CareTeamAssigned::isChange).spliterator(), false)
				.filter(it -> it.patient().equals(maya)).findFirst().orElseThrow();
		transactions.executeWithoutResult(status -> publisher.publishEvent(change));
		Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
				.until(() -> bodies(maya).size() == changed.size());

		// a later change is a new cause, even back to an earlier therapist
		in(() -> assignments.assign(maya, wren, coach));
		var again = await(maya, bodies -> bodies.stream().filter(it -> it.startsWith(CHANGED)).count() == 2);
		assertThat(again).filteredOn(it -> it.startsWith(CHANGED)).first().asString()
				.startsWith(CHANGED + "Wren Ellis, PT is now your physical therapist.");
		assertThat(again).hasSize(changed.size() + 1);
	}

	/** The thread's messages, newest first, once they satisfy the condition. */
	private List<String> await(PatientId patient, java.util.function.Predicate<List<String>> condition) {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bodies(patient), condition);
	}

	private List<String> bodies(PatientId patient) {
		return call(() -> threads.latest(patient, 50)).stream().map(it -> it.text(messages, java.util.Locale.ENGLISH)).toList();
	}

	private void in(Runnable work) {
		CurrentTenant.runAs(clinic, work);
	}

	private <T> T call(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}
}
