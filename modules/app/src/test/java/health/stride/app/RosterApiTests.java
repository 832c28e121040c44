package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import health.stride.app.security.Tokens;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@SpringBootTest
@AutoConfigureMockMvc
class RosterApiTests {

	static final String ROSTER = """
			member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end
			A1,Maya,Okafor,1985-03-14,,2026-01-01,
			A2,=HYPERLINK("http://evil.example"),Brandt,1979-13-02,,2025-06-01,
			""";

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired SponsorManagement sponsors;
	@Autowired JdbcClient jdbc;
	@Autowired TransactionTemplate transactions;

	String north, lake;

	@BeforeEach
	void clinicsWithSponsors() {

		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();

		CurrentTenant.runAs(TenantId.of(north), () -> {
			sponsors.register(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, null, null);
			sponsors.register(SponsorCode.of("GLOBEX"), "Globex", SponsorKind.EMPLOYER, null, null);
			sponsors.appointAdministrator("sponsor.acme", SponsorCode.of("ACME"));
		});
	}

	@Test
	void importsARosterUploadedByTheSponsorsAdministratorAndReportsTheOutcome() throws Exception {

		var accepted = mvc.perform(multipart("/api/sponsors/acme/rosters").file(roster())
				.with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(status().isAccepted())
				.andReturn().getResponse().getContentAsString();
		String importId = JsonPath.read(accepted, "$.importId");

		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc
				.perform(get("/api/roster-imports/" + importId)
						.with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(jsonPath("$.status").value("COMPLETED")));

		mvc.perform(get("/api/roster-imports/" + importId).with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(jsonPath("$.sponsorCode").value("ACME"))
				.andExpect(jsonPath("$.rowsRead").value(2))
				.andExpect(jsonPath("$.added").value(1))
				.andExpect(jsonPath("$.rejected").value(1))
				.andExpect(jsonPath("$.errors[0].line").value(3))
				.andExpect(jsonPath("$.percentDone").value(100));

		var report = mvc.perform(get("/api/roster-imports/" + importId + "/errors")
				.with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("text/csv"))
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(report).startsWith("\"line\",\"problem\"").contains("\"3\",\"The date of birth");
	}

	@Test
	void writesTheErrorReportInTheLanguageOfTheRequestThatDownloadsIt() throws Exception {

		var sponsorAdmin = Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin");
		var accepted = mvc.perform(multipart("/api/sponsors/ACME/rosters").file(roster()).with(sponsorAdmin))
				.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		String importId = JsonPath.read(accepted, "$.importId");
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc
				.perform(get("/api/roster-imports/" + importId).with(sponsorAdmin))
				.andExpect(jsonPath("$.status").value("COMPLETED")));

		var spanish = mvc.perform(get("/api/roster-imports/" + importId + "/errors").header("Accept-Language", "es")
				.with(sponsorAdmin))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		var english = mvc.perform(get("/api/roster-imports/" + importId + "/errors").with(sponsorAdmin))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

		assertThat(spanish.lines()).containsExactly("\"línea\",\"problema\"",
				"\"3\",\"La fecha de nacimiento '1979-13-02' no es una fecha con el formato AAAA-MM-DD.\"");
		assertThat(english.lines()).containsExactly("\"line\",\"problem\"",
				"\"3\",\"The date of birth '1979-13-02' is not a date of the form YYYY-MM-DD.\"");

		mvc.perform(get("/api/roster-imports/" + importId).header("Accept-Language", "es").with(sponsorAdmin))
				.andExpect(jsonPath("$.errors[0].line").value(3))
				.andExpect(jsonPath("$.errors[0].message").value(startsWith("La fecha de nacimiento")));
		mvc.perform(get("/sponsors/ACME/imports/" + importId).header("Accept-Language", "es")
				.with(Tokens.browser("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(content().string(containsString("La fecha de nacimiento")));
	}

	@Test
	void showsAnImportStoredBeforeReasonsWereCodesAsItWasWritten() throws Exception {

		var id = UUID.randomUUID();
		CurrentTenant.runAs(TenantId.of(north), () -> transactions.executeWithoutResult(status -> jdbc.sql("""
				insert into eligibility.roster_import (id, sponsor_id, status, file_name, file_size, requested_by,
				    created_at, rejected, errors, failure, finished_at)
				select ?, id, 'FAILED', 'old.csv', 10, 'test', now(), 1,
				    '[{"line": 3, "message": "The date of birth is wrong."}]', 'The file could not be read.', now()
				from eligibility.sponsor where code = 'ACME'""").param(id).update()));

		mvc.perform(get("/sponsors/ACME/imports/" + id).header("Accept-Language", "es")
				.with(Tokens.browser("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("The file could not be read."),
						containsString("The date of birth is wrong."))));
		mvc.perform(get("/api/roster-imports/" + id).header("Accept-Language", "es")
				.with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(jsonPath("$.failure").value("The file could not be read."))
				.andExpect(jsonPath("$.errors[0].message").value("The date of birth is wrong."));
		var report = mvc.perform(get("/api/roster-imports/" + id + "/errors").header("Accept-Language", "es")
				.with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(report.lines()).containsExactly("\"línea\",\"problema\"", "\"3\",\"The date of birth is wrong.\"");
	}

	@Test
	void hidesOtherSponsorsAndOtherClinicsAsNotFound() throws Exception {

		mvc.perform(multipart("/api/sponsors/GLOBEX/rosters").file(roster())
				.with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(status().isNotFound());

		mvc.perform(multipart("/api/sponsors/ACME/rosters").file(roster())
				.with(Tokens.bearer("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(status().isNotFound());

		var accepted = mvc.perform(multipart("/api/sponsors/ACME/rosters").file(roster())
				.with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		String importId = JsonPath.read(accepted, "$.importId");

		mvc.perform(get("/api/roster-imports/" + importId).with(Tokens.bearer("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(status().isNotFound());
	}

	@Test
	void reportsEnrollmentAsCountsOnly() throws Exception {

		mvc.perform(get("/api/sponsors/ACME/enrollment").with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.eligible").value(0))
				.andExpect(jsonPath("$.enrolled").value(0))
				.andExpect(jsonPath("$.byMonth.length()").value(12))
				.andExpect(jsonPath("$..firstName").isEmpty())
				.andExpect(jsonPath("$..lastName").isEmpty());

		mvc.perform(get("/api/sponsors/GLOBEX/enrollment").with(Tokens.bearer("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(status().isNotFound());

		mvc.perform(get("/sponsors/ACME/enrollment.csv").with(Tokens.browser("sponsor.acme", List.of(north), "sponsor-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(startsWith("measure,period,members")));
	}

	@Test
	void refusesAnUploadWithoutAFile() throws Exception {
		mvc.perform(multipart("/api/sponsors/ACME/rosters").with(Tokens.bearer("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value(containsString("multipart field 'file'")));
	}

	static MockMultipartFile roster() {
		return new MockMultipartFile("file", "roster.csv", "text/csv", ROSTER.getBytes(StandardCharsets.UTF_8));
	}
}
