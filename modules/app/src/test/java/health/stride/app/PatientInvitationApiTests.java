package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * {@code POST /api/patients} without Keycloak: who may invite, the field errors, the existing record
 * offered with a 409, and nothing kept when the sign-in service cannot be reached. The invitation
 * that succeeds is tested end to end with the real Keycloak.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PatientInvitationApiTests {

	static final String BODY = """
			{"firstName": "%s", "lastName": "Reyes", "dateOfBirth": "1979-05-02", "email": "%s", "state": "%s",
			 "payment": "%s", "payerName": %s, "sponsorCode": %s}""";

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired JdbcClient jdbc;

	String north, lake;
	PatientId nora;

	@BeforeEach
	void aClinicServingWashingtonWithAPatient() {

		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		jdbc.sql("update platform.clinic set states = '{WA}' where id = ?").param(north).update();
		nora = CurrentTenant.callAs(TenantId.of(north), () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				"nora@example.org", "Nora", "Reyes", LocalDate.of(1979, 5, 2), "nora@example.org", null, "WA",
				"America/Los_Angeles")));
	}

	@Test
	void offersTheExistingRecordWithA409NamingIt() throws Exception {

		for (var body : List.of(BODY.formatted("Nora", "NORA@example.org", "WA", "SELF_PAY", null, null),
				BODY.formatted("nora", "someone.else@example.org", "WA", "SELF_PAY", null, null))) {
			mvc.perform(post("/api/patients").with(Tokens.bearer("pt.alex", List.of(north), "therapist"))
					.contentType(MediaType.APPLICATION_JSON).content(body))
					.andExpect(status().isConflict())
					.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.patientId").value(nora.toString()));
		}
		// another clinic knows no Nora: it is not told of this one
		mvc.perform(post("/api/patients").with(Tokens.bearer("admin.lee", List.of(lake), "clinic-admin"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.formatted("Nora", "nora@example.org", "WA", "SELF_PAY", null, null)))
				.andExpect(status().is(org.hamcrest.Matchers.not(409)));
	}

	@Test
	void namesTheFieldsToCorrect() throws Exception {

		mvc.perform(post("/api/patients").with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.formatted("Ada", "ada@example.org", "TX", "INSURANCE", null, null)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[?(@.field == 'state')].message")
						.value("Choose a US state the clinic serves: WA."))
				.andExpect(jsonPath("$.errors[?(@.field == 'payerName')].message")
						.value("Enter the insurance payer's name."));
		mvc.perform(post("/api/patients").with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.formatted("Ada", "ada@example.org", "WA", "SPONSOR", null, "\"NOPE\"")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("sponsorCode"));
		mvc.perform(post("/api/patients").with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.formatted("Ada", "ada@example.org", "WA", "CASH", null, null)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("payment"));
		mvc.perform(post("/api/patients").with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.formatted("A".repeat(100_000), "ada@example.org", "WA", "SELF_PAY", null, null)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("firstName"));
		assertThat(patientsOf(north)).isEqualTo(1);
	}

	@Test
	void onlyTherapistsAndAdministratorsInvite() throws Exception {
		for (var role : List.of("coach", "patient", "sponsor-admin")) {
			mvc.perform(post("/api/patients").with(Tokens.bearer("someone", List.of(north), role))
					.contentType(MediaType.APPLICATION_JSON)
					.content(BODY.formatted("Ada", "ada@example.org", "WA", "SELF_PAY", null, null)))
					.andExpect(status().isForbidden());
		}
	}

	@Test
	void keepsNothingWhenTheSignInServiceCannotBeReached() throws Exception {

		// the tests' Keycloak address answers nothing outside the end-to-end tests
		mvc.perform(post("/api/patients").with(Tokens.bearer("pt.alex", List.of(north), "therapist"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY.formatted("Ada", "ada@example.org", "WA", "SELF_PAY", null, null)))
				.andExpect(status().isServiceUnavailable())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(patientsOf(north)).isEqualTo(1);
	}

	private int patientsOf(String clinic) {
		return CurrentTenant.callAs(TenantId.of(clinic), () -> new org.springframework.transaction.support.TransactionTemplate(
				transactions).execute(status -> jdbc.sql("select count(*) from patients.patient").query(Integer.class).single()));
	}

	@Autowired org.springframework.transaction.PlatformTransactionManager transactions;
}
