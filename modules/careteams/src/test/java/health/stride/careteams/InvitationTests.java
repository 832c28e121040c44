package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.careteams.internal.Assignments;
import health.stride.RecordingAccounts;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Inviting a clinician makes their account and the clinician together, or neither. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class InvitationTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final Assignments assignments;
	private final RecordingAccounts accounts;

	InvitationTests(ClinicRegistry clinics, ClinicianManagement clinicians, Assignments assignments,
			RecordingAccounts accounts) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.assignments = assignments;
		this.accounts = accounts;
	}

	@Test
	void invitesWithoutAPasswordAndHasKeycloakEmailTheLinkToChooseOne() {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var passwordsBefore = accounts.withPassword();

		CurrentTenant.runAs(clinic, () -> clinicians.invite(new NewClinician("pt.ina", "ina@example.org", "Ina", "Berg",
				ClinicianRole.THERAPIST, 100, java.util.List.of())));

		assertThat(accounts.withPassword()).as("nobody chose a password for the clinician").isEqualTo(passwordsBefore);
		assertThat(accounts.withoutPasswordSetup()).as("every invited account was emailed its password link").isEmpty();
	}

	@Test
	void removesTheNewAccountWhenTheClinicianCannotBeStoredAndDisablesItWhenTheyLeave() {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var invited = CurrentTenant.callAs(clinic, () -> clinicians.invite(new NewClinician("coach.kim", "kim@example.org",
				"Kim", "Lee", ClinicianRole.COACH, 200, java.util.List.of())));
		var accountsBefore = accounts.count();

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> CurrentTenant.callAs(clinic,
				() -> clinicians.invite(new NewClinician("coach.kim", "kim2@example.org", "Kim", "Again", ClinicianRole.COACH,
						200, java.util.List.of()))));
		assertThat(accounts.count()).as("the second account was removed again").isEqualTo(accountsBefore);
		assertThat(CurrentTenant.callAs(clinic, clinicians::all)).singleElement()
				.satisfies(it -> assertThat(it.displayName()).isEqualTo("Kim Lee"));

		CurrentTenant.runAs(clinic, () -> assignments.deactivate(invited.id()));
		assertThat(CurrentTenant.callAs(clinic, () -> clinicians.find(invited.id()))).hasValueSatisfying(
				it -> assertThat(it.active()).isFalse());
	}
}
