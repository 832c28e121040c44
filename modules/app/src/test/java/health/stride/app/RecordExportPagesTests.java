package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipInputStream;

import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MockMvc;

import ca.uhn.fhir.context.FhirContext;
import health.stride.app.security.Tokens;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditEvent;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The record to take away, on the pages: the patient downloads theirs from the portal, a zip of the FHIR
 * Bundle and a printable summary of their own record only; a clinic administrator exports one patient's from
 * the chart only after choosing why, and the reason is kept in the audit trail; another clinic's patient is
 * not there at all.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RecordExportPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired Threads threads;
	@Autowired AuditTrail audit;
	@Autowired MessageSource messages;

	String north, lake;
	PatientId grace, henry, lakesPatient;
	String graceUsername, henryUsername;

	@BeforeEach
	void twoPatientsOfAlexWhoEachWroteAndAPatientOfAnotherClinic() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North Physio").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		var suffix = UUID.randomUUID().toString().substring(0, 8);
		graceUsername = "patient.grace-" + suffix;
		henryUsername = "patient.henry-" + suffix;
		CurrentTenant.runAs(TenantId.of(north), () -> {
			var alex = clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST, List.of());
			var member = new CareTeam.Member(alex.id(), "pt.alex", "Alex Morgan, PT");
			grace = register(graceUsername, "Grace", "Liu");
			henry = register(henryUsername, "Henry", "Stone");
			careTeams.assign(grace, member, null);
			careTeams.assign(henry, member, null);
		});
		CurrentTenant.runAs(TenantId.of(lake), () -> lakesPatient = register("patient.ivy-" + suffix, "Ivy", "Park"));
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> CurrentTenant.callAs(TenantId.of(north),
				() -> threads.ofPatient(grace).filter(it -> it.lastSeq() > 0).isPresent()
						&& threads.ofPatient(henry).filter(it -> it.lastSeq() > 0).isPresent()));
		write(grace, graceUsername, "Is it fine to garden on weekends?");
		write(henry, henryUsername, "Henry asks about cycling.");
	}

	@Test
	void givesThePatientTheirOwnRecordAsAZipOfTheBundleAndTheSummary() throws Exception {

		mvc.perform(get("/portal").with(Tokens.browser(graceUsername, List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("href=\"/portal/record.zip\"")));

		var response = mvc.perform(get("/portal/record.zip").with(Tokens.browser(graceUsername, List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().contentType("application/zip"))
				.andExpect(header().string("Content-Disposition", matchesPattern("attachment; filename=\"stride-record-\\d{4}-\\d{2}-\\d{2}\\.zip\"")))
				.andExpect(header().string("Cache-Control", containsString("no-store")))
				.andReturn().getResponse();

		var files = unzip(response.getContentAsByteArray());
		assertThat(files.keySet()).containsExactlyInAnyOrder("record.json", "summary.html");
		var bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, files.get("record.json"));
		var texts = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Communication.class::isInstance).map(Communication.class::cast)
				.map(it -> it.getPayloadFirstRep().getContentStringType().getValue()).toList();
		assertThat(texts).contains("Is it fine to garden on weekends?").doesNotContain("Henry asks about cycling.");
		assertThat(bundle.getEntry()).allSatisfy(it -> assertThat(it.getFullUrl()).startsWith("http://localhost/fhir/"));

		assertThat(files.get("summary.html")).contains("Grace Liu", "Is it fine to garden on weekends?")
				.doesNotContain("Henry", "Stone", "cycling", "<script");

		assertThat(entries(grace, AuditAction.EXPORT)).singleElement()
				.satisfies(it -> assertThat(it.actorUsername()).isEqualTo(graceUsername));
		// nobody but a patient downloads a record of their own this way
		mvc.perform(get("/portal/record.zip").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isForbidden());
	}

	@Test
	void letsAnAdministratorExportOnePatientOnlyAfterChoosingWhyAndAuditsTheReason() throws Exception {

		var admin = Tokens.browser("admin.nora", List.of(north), "clinic-admin");
		var page = "/patients/" + grace + "/record-export";
		mvc.perform(get("/patients/" + grace).with(admin))
				.andExpect(content().string(containsString("href=\"" + page + "\"")));
		mvc.perform(get(page).with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Grace Liu")))
				.andExpect(content().string(containsString(text("fhir.export.reason.transfer-of-care"))));

		// without a reason, or with one Stride does not have: the form again, saying why, and nothing exported
		for (var reason : new String[] { null, "", "CURIOSITY" }) {
			var request = post(page).with(csrf()).with(admin);
			if (reason != null) {
				request = request.param("reason", reason);
			}
			mvc.perform(request)
					.andExpect(status().isOk())
					.andExpect(content().contentTypeCompatibleWith("text/html"))
					.andExpect(content().string(containsString(text("fhir.export.reason.required"))));
		}
		assertThat(entries(grace, AuditAction.EXPORT)).isEmpty();

		var response = mvc.perform(post(page).param("reason", "TRANSFER_OF_CARE").with(csrf()).with(admin))
				.andExpect(status().isOk())
				.andExpect(content().contentType("application/zip"))
				.andExpect(header().string("Content-Disposition", not(containsString("Grace"))))
				.andReturn().getResponse();
		var files = unzip(response.getContentAsByteArray());
		assertThat(files.get("summary.html")).contains("Grace Liu", "Is it fine to garden on weekends?")
				.doesNotContain("Henry");

		assertThat(entries(grace, AuditAction.EXPORT)).singleElement().satisfies(it -> {
			assertThat(it.actorUsername()).isEqualTo("admin.nora");
			assertThat(it.reason()).isEqualTo("transfer-of-care");
			assertThat(it.resource()).isEqualTo("fhir/export");
		});
		// the administrator still reads no care otherwise
		mvc.perform(get("/fhir/Patient/" + grace + "/$everything")
				.with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().is(anyOf(is(403), is(404))));
	}

	@Test
	void findsNoPatientOfAnotherClinicAndLetsNoOtherRoleExport() throws Exception {

		var admin = Tokens.browser("admin.nora", List.of(north), "clinic-admin");
		var elsewhere = "/patients/" + lakesPatient + "/record-export";
		mvc.perform(get(elsewhere).with(admin)).andExpect(status().isNotFound());
		mvc.perform(post(elsewhere).param("reason", "LEGAL_REQUEST").with(csrf()).with(admin))
				.andExpect(status().isNotFound());
		mvc.perform(post("/patients/" + UUID.randomUUID() + "/record-export").param("reason", "LEGAL_REQUEST")
				.with(csrf()).with(admin)).andExpect(status().isNotFound());
		assertThat(CurrentTenant.callAs(TenantId.of(lake), () -> audit.aboutPatient(lakesPatient.id(), 50)))
				.noneMatch(it -> it.action() == AuditAction.EXPORT);

		for (var role : List.of("therapist", "coach", "patient", "sponsor-admin")) {
			mvc.perform(post("/patients/" + grace + "/record-export").param("reason", "PATIENT_REQUEST").with(csrf())
					.with(Tokens.browser("user." + role, List.of(north), role)))
					.andExpect(status().isForbidden());
		}
		assertThat(entries(grace, AuditAction.EXPORT)).isEmpty();
	}

	private PatientId register(String username, String firstName, String lastName) {
		return patients.register(new NewPatient(UUID.randomUUID().toString(), username, firstName, lastName,
				LocalDate.of(1970, 1, 1), username + "@example.org", null, "WA", "America/Los_Angeles"));
	}

	private void write(PatientId patient, String username, String text) {
		var user = new StrideUser(UUID.randomUUID().toString(), username, List.of(TenantId.of(north)), Set.of(Role.PATIENT));
		CurrentTenant.runAs(TenantId.of(north),
				() -> threads.post(threads.ofPatient(patient).orElseThrow().id(), user, text));
	}

	private List<AuditEvent> entries(PatientId patient, AuditAction action) {
		return CurrentTenant.callAs(TenantId.of(north), () -> audit.aboutPatient(patient.id(), 200)).stream()
				.filter(it -> it.action() == action).toList();
	}

	private String text(String key) {
		return messages.getMessage(key, null, java.util.Locale.ENGLISH).replace("'", "&#39;");
	}

	private static Map<String, String> unzip(byte[] zip) throws IOException {
		var files = new LinkedHashMap<String, String>();
		try (var entries = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}
}
