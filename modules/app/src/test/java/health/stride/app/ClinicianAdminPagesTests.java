package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import health.stride.app.security.Tokens;
import health.stride.careteams.internal.Assignments;
import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.audit.AuditEvent;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The clinic administrator's clinician and assignment pages, without Keycloak (invites are end-to-end tested). */
@SpringBootTest
@AutoConfigureMockMvc
class ClinicianAdminPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired Assignments assignments;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired AuditTrail audit;

	String north, lake;
	ClinicianId sam;
	RequestPostProcessor admin;

	@BeforeEach
	void aClinic() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		sam = CurrentTenant.callAs(TenantId.of(north), () -> clinicians.add("pt.sam", "Sam Patel, PT",
				ClinicianRole.THERAPIST, List.of(new License("CA", LicenseKind.LICENSE, "PT 48213", LocalDate.now().plusYears(1)))));
		admin = Tokens.browser("admin.nora", List.of(north), "clinic-admin");
	}

	@Test
	void listsTheCliniciansAndExplainsWhatIsWrongWithAnInvitation() throws Exception {

		mvc.perform(get("/admin/clinicians").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Sam Patel, PT")))
				.andExpect(content().string(containsString("0 of 300")));

		mvc.perform(post("/admin/clinicians").with(admin).with(csrf()).param("firstName", "Nia").param("lastName", "")
				.param("username", "X").param("email", "not-an-email").param("role", "THERAPIST").param("capacity", "5000")
				.param("licenseState", "Washington").param("licenseKind", "LICENSE").param("licenseNumber", "")
				.param("licenseExpires", "2001-01-01"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Give the last name")))
				.andExpect(content().string(containsString("Use 3 to 40 lower-case letters")))
				.andExpect(content().string(containsString("Give a valid email address.")))
				.andExpect(content().string(containsString("from 0 to 2000")))
				.andExpect(content().string(containsString("Give the two-letter state code")))
				.andExpect(content().string(containsString("This license has expired already.")))
				.andExpect(content().string(containsString("value=\"Nia\"")));
		assertThat(CurrentTenant.callAs(TenantId.of(north), clinicians::all)).hasSize(1);
	}

	@Test
	void keepsLicensesAndCapacityAndIsA404ForAnotherClinicsClinician() throws Exception {

		mvc.perform(post("/admin/clinicians/" + sam.id() + "/licenses").with(admin).with(csrf())
				.param("licenseState", "or").param("licenseKind", "COMPACT_PRIVILEGE").param("licenseNumber", "PTC-9")
				.param("licenseExpires", LocalDate.now().plusYears(1).toString()))
				.andExpect(redirectedUrl("/admin/clinicians/" + sam.id()));
		mvc.perform(post("/admin/clinicians/" + sam.id() + "/capacity").with(admin).with(csrf()).param("capacity", "40"))
				.andExpect(flash().attribute("flash", "Capacity set to 40 patients."));
		mvc.perform(post("/admin/clinicians/" + sam.id() + "/licenses/CA/removal").with(admin).with(csrf()))
				.andExpect(status().is3xxRedirection());

		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> clinicians.find(sam))).hasValueSatisfying(it -> {
			assertThat(it.licensedStates()).containsExactly("OR");
			assertThat(it.licenses().get(0).kind()).isEqualTo(LicenseKind.COMPACT_PRIVILEGE);
			assertThat(it.capacity()).isEqualTo(40);
		});

		mvc.perform(get("/admin/clinicians/" + sam.id()).with(Tokens.browser("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(status().isNotFound());
		mvc.perform(post("/admin/clinicians/" + sam.id() + "/deactivation").with(csrf())
				.with(Tokens.browser("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/admin/clinicians").with(Tokens.browser("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isForbidden());
	}

	@Test
	void aWaitingPatientIsAssignedByHandUnderTheLicenseRule() throws Exception {

		var leo = CurrentTenant.callAs(TenantId.of(north), () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.leo", "Leo", "Fischer",
					LocalDate.of(1971, 9, 3), "leo@example.org", null, "OR", "America/Los_Angeles"));
			assignments.assignNew(id);
			return id;
		});
		mvc.perform(get("/admin/assignments").with(admin))
				.andExpect(content().string(containsString("No active therapist is licensed in OR.")))
				.andExpect(content().string(containsString("add a license for")));
		assertThat(queueViews()).as("the queue shows Leo's name: one entry for the view, naming him").singleElement()
				.satisfies(it -> {
					assertThat(it.actorUsername()).isEqualTo("admin.nora");
					assertThat(it.patientsShown()).containsExactly(leo.id());
				});

		mvc.perform(post("/admin/assignments/" + leo).with(admin).with(csrf()).param("therapist", sam.id().toString()))
				.andExpect(flash().attribute("flash", "Sam Patel, PT holds no valid license or compact privilege for OR."));

		CurrentTenant.runAs(TenantId.of(north), () -> clinicians.license(sam,
				new License("OR", LicenseKind.COMPACT_PRIVILEGE, "PTC-9", LocalDate.now().plusYears(1))));
		mvc.perform(get("/admin/assignments").with(admin))
				.andExpect(content().string(containsString("<option value=\"" + sam.id() + "\">Sam Patel, PT</option>")));
		mvc.perform(post("/admin/assignments/" + leo).with(admin).with(csrf()).param("therapist", sam.id().toString()))
				.andExpect(flash().attribute("flash", "Care team assigned."));

		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> careTeams.of(leo))).hasValueSatisfying(
				team -> assertThat(team.therapist().username()).isEqualTo("pt.sam"));
		var before = queueViews().size();
		mvc.perform(get("/admin/assignments").with(admin))
				.andExpect(content().string(containsString("Nobody is waiting")));
		assertThat(queueViews()).as("an empty queue shows nobody").hasSize(before);
	}

	@Test
	void reassigningAPatientTellsThemInTheirThreadWhoTheirNewTherapistIs() throws Exception {

		var mia = CurrentTenant.callAs(TenantId.of(north), () -> {
			var alex = clinicians.add("pt.alex", "Alex Kim, PT", ClinicianRole.THERAPIST,
					List.of(new License("CA", LicenseKind.LICENSE, "PT 1", LocalDate.now().plusYears(1))));
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.mia", "Mia", "Lopez",
					LocalDate.of(1980, 2, 3), "mia@example.org", null, "CA", "America/Los_Angeles"));
			assignments.assign(id, alex, null);
			return id;
		});
		var patient = Tokens.browser("patient.mia", List.of(north), "patient");
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/portal/messages").with(patient))
				.andExpect(content().string(containsString("Alex Kim, PT is your physical therapist"))));

		mvc.perform(post("/admin/assignments/" + mia).with(admin).with(csrf()).param("therapist", sam.id().toString()))
				.andExpect(flash().attribute("flash", "Care team assigned."));

		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/portal/messages").with(patient))
				.andExpect(content().string(containsString(
						"Your care team changed: Sam Patel, PT is now your physical therapist."))));
	}

	private List<AuditEvent> queueViews() {
		return CurrentTenant.callAs(TenantId.of(north), () -> audit.latest(500)).stream()
				.filter(it -> "assignment-queue".equals(it.resource())).toList();
	}
}
