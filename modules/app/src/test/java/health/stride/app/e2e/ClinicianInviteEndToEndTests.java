package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.careteams.Assignments;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.careteams.NewClinician;
import health.stride.platform.identity.Accounts;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinic administrator invites a therapist: the real Keycloak gets an account in the clinic's
 * organization with the therapist role and a password to replace at first sign-in; when the
 * therapist leaves, the account is disabled.
 */
class ClinicianInviteEndToEndTests extends EndToEndTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");

	@Autowired ClinicianManagement clinicians;
	@Autowired Assignments assignments;

	@Test
	void invitesATherapistIntoTheClinicsOrganizationAndDisablesTheAccountWhenTheyLeave() throws Exception {

		var username = "pt.new" + UUID.randomUUID().toString().substring(0, 6);
		var invited = CurrentTenant.callAs(NORTHSIDE, () -> clinicians.invite(new NewClinician(username,
				username + "@northside.example", "Nia", "Okoro", ClinicianRole.THERAPIST, 120,
				List.of(new License("WA", LicenseKind.LICENSE, "PT 7001", LocalDate.now().plusYears(2))))));

		assertThat(invited.temporaryPassword()).hasSize(14);
		assertThat(KeycloakAdmin.userState(username)).satisfies(user -> {
			assertThat(user.enabled()).isTrue();
			assertThat(user.realmRoles()).contains("therapist");
			assertThat(user.requiredActions()).as("a new password at first sign-in").contains("UPDATE_PASSWORD");
			assertThat(user.organizations()).containsExactly("northside");
		});
		assertThat(CurrentTenant.callAs(NORTHSIDE, () -> clinicians.find(invited.id()))).hasValueSatisfying(it -> {
			assertThat(it.displayName()).isEqualTo("Nia Okoro, PT");
			assertThat(it.capacity()).isEqualTo(120);
			assertThat(it.licensedStates()).containsExactly("WA");
		});

		assertThatExceptionOfType(Accounts.AccountConflict.class).isThrownBy(() -> CurrentTenant.callAs(NORTHSIDE,
				() -> clinicians.invite(new NewClinician(username, "other@northside.example", "Nia", "Again",
						ClinicianRole.THERAPIST, 10, List.of()))));
		assertThat(KeycloakAdmin.usersNamed(username)).isOne();

		CurrentTenant.runAs(NORTHSIDE, () -> assignments.deactivate(invited.id()));
		assertThat(KeycloakAdmin.userState(username).enabled()).isFalse();
	}
}
