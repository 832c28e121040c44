package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import health.stride.careteams.internal.Assignments;
import health.stride.platform.security.StrideUser;
import health.stride.platform.security.Role;
import health.stride.RecordingAccounts;
import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeamAssigned;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientId;
import health.stride.patients.PatientInvitations;
import health.stride.patients.PaymentMethod;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Who gets a patient: licensure for the patient's state, capacity, the lightest caseload, coaches in turn. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class AssignmentTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final Assignments assignments;
	private final CareTeams careTeams;
	private final CareTeamFixtures fixtures;
	private final Threads threads;
	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.context.MessageSource messages;
	private final RecordingAccounts accounts;
	@org.springframework.beans.factory.annotation.Autowired
	private PatientInvitations invitations;

	private TenantId clinic;

	AssignmentTests(ClinicRegistry clinics, ClinicianManagement clinicians, Assignments assignments, CareTeams careTeams,
			CareTeamFixtures fixtures, Threads threads, RecordingAccounts accounts) {
		this.threads = threads;
		this.accounts = accounts;
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.assignments = assignments;
		this.careTeams = careTeams;
		this.fixtures = fixtures;
	}

	@BeforeEach
	void aClinic() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
	}

	@Test
	void finishingTheIntakeAssignsALicensedTherapistAndACoach(Scenario scenario) {

		in(() -> {
			clinicians.add("pt.or", "Olu, PT", ClinicianRole.THERAPIST, Licenses.valid("OR"));
			clinicians.add("pt.wa", "Wren, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("coach.rio", "Rio", ClinicianRole.COACH, List.of());
		});
		var maya = call(() -> fixtures.patient("Maya", "WA"));

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> fixtures.completeIntake(maya))
				.andWaitForEventOfType(CareTeamAssigned.class)
				.toArriveAndVerify(event -> assertThat(event.patient()).isEqualTo(maya)));

		assertThat(teamOf(maya)).satisfies(team -> {
			assertThat(team.therapist().username()).isEqualTo("pt.wa");
			assertThat(team.coach().username()).isEqualTo("coach.rio");
		});
	}

	@Test
	void anInvitedPatientGoesToTheTherapistWhoInvitedThemWhenLicensedInTheirStateElseByTheRule(Scenario scenario) {

		var inviter = call(() -> clinicians.add("pt.inviter", "Ines, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		in(() -> {
			clinicians.add("pt.light", "Light, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("pt.or", "Olu, PT", ClinicianRole.THERAPIST, Licenses.valid("OR"));
		});
		// the inviting therapist carries a patient already, so the rule alone would choose pt.light
		var earlier = call(() -> fixtures.patient("Earlier", "WA"));
		in(() -> assignments.assign(earlier, inviter, null));

		var nora = call(() -> invitations.invite(invitation("Nora", "nora@example.org"), "pt.inviter"));
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> fixtures.completeIntake(nora))
				.andWaitForEventOfType(CareTeamAssigned.class).matching(event -> event.patient().equals(nora))
				.toArrive());
		assertThat(teamOf(nora).therapist().username()).isEqualTo("pt.inviter");

		var ada = call(() -> invitations.invite(invitation("Ada", "ada@example.org"), "pt.or"));
		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> fixtures.completeIntake(ada))
				.andWaitForEventOfType(CareTeamAssigned.class).matching(event -> event.patient().equals(ada))
				.toArrive());
		assertThat(teamOf(ada).therapist().username()).as("pt.or is not licensed in WA").isEqualTo("pt.light");
	}

	private static PatientInvitations.Invitation invitation(String firstName, String email) {
		return new PatientInvitations.Invitation(firstName, "Reyes", LocalDate.of(1979, 5, 2), email, "WA", null, null,
				PaymentMethod.SELF_PAY, null, null, null);
	}

	@Test
	void aCompactPrivilegeForTheStateCountsAsALicense() {

		in(() -> clinicians.add("pt.compact", "Cam, PT", ClinicianRole.THERAPIST,
				List.of(new License("OR", LicenseKind.COMPACT_PRIVILEGE, "PTC-1", LocalDate.now().plusMonths(3)))));
		var leo = call(() -> fixtures.patient("Leo", "OR"));

		assertThat(call(() -> assignments.assignNew(leo))).isTrue();
		assertThat(teamOf(leo).therapist().username()).isEqualTo("pt.compact");
		assertThat(teamOf(leo).coach()).as("the clinic has no coach").isNull();
	}

	@Test
	void anExpiredLicenseDoesNotCountAndThePatientWaitsWithTheReason() {

		in(() -> clinicians.add("pt.lapsed", "Lap, PT", ClinicianRole.THERAPIST,
				List.of(new License("WA", LicenseKind.LICENSE, "PT-9", LocalDate.now().minusDays(1)))));
		var ivy = call(() -> fixtures.patient("Ivy", "WA"));

		assertThat(call(() -> assignments.assignNew(ivy))).isFalse();
		assertThat(call(() -> careTeams.of(ivy))).isEmpty();
		assertThat(call(assignments::awaiting)).singleElement().satisfies(it -> {
			assertThat(it.patient()).isEqualTo(ivy);
			assertThat(english(it.reason())).isEqualTo("No active therapist is licensed in WA.");
		});
	}

	@Test
	void aTherapistAtCapacityGetsNoMorePatients() {

		var full = call(() -> clinicians.add("pt.full", "Full, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		in(() -> clinicians.capacity(full, 1));
		var first = call(() -> fixtures.patient("First", "WA"));
		var second = call(() -> fixtures.patient("Second", "WA"));

		assertThat(call(() -> assignments.assignNew(first))).isTrue();
		assertThat(call(() -> assignments.assignNew(second))).isFalse();
		assertThat(call(assignments::awaiting)).singleElement()
				.satisfies(it -> assertThat(english(it.reason())).isEqualTo("Every therapist licensed in WA is at capacity."));
	}

	@Test
	void theTherapistWithTheFewestPatientsIsChosenAndCoachesTakeTurns() {

		in(() -> {
			clinicians.add("pt.a", "A, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("pt.b", "B, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("coach.a", "Coach A", ClinicianRole.COACH, List.of());
			clinicians.add("coach.b", "Coach B", ClinicianRole.COACH, List.of());
		});

		var therapists = new java.util.ArrayList<String>();
		var coaches = new java.util.ArrayList<String>();
		for (var name : List.of("One", "Two", "Three", "Four")) {
			var patient = call(() -> fixtures.patient(name, "WA"));
			call(() -> assignments.assignNew(patient));
			therapists.add(teamOf(patient).therapist().username());
			coaches.add(teamOf(patient).coach().username());
		}

		assertThat(therapists).containsExactly("pt.a", "pt.b", "pt.a", "pt.b");
		assertThat(coaches).containsExactly("coach.a", "coach.b", "coach.a", "coach.b");
	}

	@Test
	void anAdministratorMayReassignOnlyToATherapistLicensedForTheState() {

		var wa = call(() -> clinicians.add("pt.wa", "Wren, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		var ca = call(() -> clinicians.add("pt.ca", "Cal, PT", ClinicianRole.THERAPIST, Licenses.valid("CA")));
		var maya = call(() -> fixtures.patient("Maya", "WA"));

		assertThatExceptionOfType(Assignments.NotAllowed.class)
				.isThrownBy(() -> in(() -> assignments.assign(maya, ca, null)))
				.satisfies(refused -> assertThat(english(refused))
						.isEqualTo("Cal, PT holds no valid license or compact privilege for WA."));
		in(() -> assignments.assign(maya, wa, null));
		assertThat(teamOf(maya).therapist().clinicianId()).isEqualTo(wa.id());
	}

	@Test
	void neverAssignsATherapistOfAnotherClinic() {

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		CurrentTenant.runAs(other, () -> clinicians.add("pt.wa", "Elsewhere, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		var maya = call(() -> fixtures.patient("Maya", "WA"));
		var elsewhere = CurrentTenant.callAs(other, () -> clinicians.findByUsername("pt.wa")).orElseThrow().id();

		assertThat(call(() -> assignments.assignNew(maya))).isFalse();
		assertThatExceptionOfType(Assignments.NotAllowed.class).isThrownBy(() -> in(() -> assignments.assign(maya, elsewhere, null)));
	}

	@Test
	void aLeavingTherapistsPatientsGoToAnotherLicensedTherapistOrWait() {

		var leaving = call(() -> clinicians.add("pt.leaving", "Lee, PT", ClinicianRole.THERAPIST, Licenses.valid("WA", "OR")));
		var maya = call(() -> fixtures.patient("Maya", "WA"));
		var leo = call(() -> fixtures.patient("Leo", "OR"));
		call(() -> assignments.assignNew(maya));
		call(() -> assignments.assignNew(leo));
		in(() -> clinicians.add("pt.stays", "Sta, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));

		in(() -> assignments.deactivate(leaving));

		assertThat(teamOf(maya).therapist().username()).isEqualTo("pt.stays");
		assertThat(call(assignments::awaiting)).extracting(Assignments.Awaiting::patient).containsExactly(leo);
	}

	@Test
	void aLeavingClinicianLeavesEveryCareTeamAndThreadAtOnceAndCannotComeBack() {

		var leaving = call(() -> clinicians.add("pt.leaving", "Lee, PT", ClinicianRole.THERAPIST, Licenses.valid("OR")));
		in(() -> clinicians.add("coach.kai", "Kai", ClinicianRole.COACH, List.of()));
		var leo = call(() -> fixtures.patient("Leo", "OR"));
		call(() -> assignments.assignNew(leo));
		var thread = call(() -> threads.open(leo));
		assertThat(call(() -> threads.find(thread)).orElseThrow().participant("pt.leaving")).hasValueSatisfying(
				it -> assertThat(it.active()).isTrue());

		in(() -> assignments.deactivate(leaving));

		// nobody else is licensed in OR: Leo waits, keeping his coach, and no check lets the therapist in
		assertThat(call(() -> careTeams.of(leo))).hasValueSatisfying(team -> {
			assertThat(team.therapist()).isNull();
			assertThat(team.coach().username()).isEqualTo("coach.kai");
		});
		assertThat(call(assignments::awaiting)).extracting(Assignments.Awaiting::patient).containsExactly(leo);
		assertThat(call(() -> careTeams.isOnCareTeam(leo, "pt.leaving"))).isFalse();
		assertThat(call(() -> careTeams.patientsOf("pt.leaving"))).isEmpty();
		var former = new StrideUser(UUID.randomUUID().toString(), "pt.leaving", List.of(clinic), Set.of(Role.THERAPIST));
		assertThatExceptionOfType(Threads.NotFound.class).as("the thread is closed to them at once")
				.isThrownBy(() -> call(() -> threads.read(thread, former, 0, true)));
		assertThat(call(() -> threads.of(former))).isEmpty();
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(call(() -> threads.find(thread))
				.orElseThrow().participant("pt.leaving")).hasValueSatisfying(it -> assertThat(it.active()).isFalse()));
		assertThat(accounts.isDisabled("pt.leaving")).as("the sign-in account, found by username").isTrue();

		// a late event that resyncs the thread, or an attempt to put them back, changes nothing
		call(() -> threads.open(leo));
		assertThat(call(() -> threads.find(thread)).orElseThrow().participant("pt.leaving")).hasValueSatisfying(
				it -> assertThat(it.active()).isFalse());
		var member = new CareTeam.Member(leaving.id(), "pt.leaving", "Lee, PT");
		assertThatIllegalArgumentException().isThrownBy(() -> in(() -> careTeams.assign(leo, member, null)));
	}

	private CareTeam teamOf(PatientId patient) {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call(() -> careTeams.of(patient)),
				java.util.Optional::isPresent).orElseThrow();
	}

	/** What the reader is told, in English. */
	private String english(org.springframework.context.MessageSourceResolvable text) {
		return messages.getMessage(text, java.util.Locale.ENGLISH);
	}

	private void in(Runnable work) {
		CurrentTenant.runAs(clinic, work);
	}

	private <T> T call(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}
}
