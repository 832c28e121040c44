package health.stride.app;

import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@SpringBootTest
@AutoConfigureMockMvc
class CoveragePagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired SponsorManagement sponsors;
	@Autowired RosterImports rosters;

	String clinic;
	String address = "127.7." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);

	@BeforeEach
	void aSponsorWithARoster() {

		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Riverside Physio").tenant().value();

		CurrentTenant.runAs(TenantId.of(clinic), () -> {
			var acme = sponsors.register(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, null, null);
			var id = rosters.submit(acme, "r.csv", new ByteArrayInputStream("""
					member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end
					A1,Maya,Okafor,1986-04-12,maya@example.com,2025-01-01,
					""".getBytes(StandardCharsets.UTF_8)), "t");
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> CurrentTenant.callAs(TenantId.of(clinic),
					() -> rosters.report(id)).orElseThrow().status().finished());
		});
	}

	@Test
	void tellsACoveredMemberSoAndLeadsThemToSignup() throws Exception {

		var session = new MockHttpSession();

		mvc.perform(get("/c/" + clinic + "/check-coverage"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Check your coverage at Riverside Physio")));

		mvc.perform(post("/c/" + clinic + "/check-coverage").session(session).with(csrf()).with(this::fromAddress)
				.param("sponsorCode", "acme").param("firstName", "maya").param("lastName", "OKAFOR")
				.param("dateOfBirth", "1986-04-12").param("memberId", "A1"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("covered by Acme Logistics"),
						containsString("Create your account"))));

		mvc.perform(get("/c/" + clinic + "/signup").session(session))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Create your account at Riverside Physio")));
	}

	@Test
	void givesTheSameAnswerWhicheverDetailIsWrong() throws Exception {

		for (var wrong : new String[][] { { "lastName", "Okafur" }, { "dateOfBirth", "1986-04-13" }, { "memberId", "A2" } }) {

			var fields = new java.util.LinkedHashMap<>(java.util.Map.of("sponsorCode", "ACME", "firstName", "Maya",
					"lastName", "Okafor", "dateOfBirth", "1986-04-12", "memberId", "A1"));
			fields.put(wrong[0], wrong[1]);

			var request = post("/c/" + clinic + "/check-coverage").with(csrf()).with(this::fromAddress);
			fields.forEach(request::param);

			mvc.perform(request)
					.andExpect(status().isOk())
					.andExpect(content().string(allOf(containsString("confirm your coverage"),
							not(containsString("Acme Logistics")))));
		}
	}

	@Test
	void answersUnknownSponsorsAndSponsorsWithoutARosterLikeAMemberWhoDoesNotMatch() throws Exception {

		CurrentTenant.runAs(TenantId.of(clinic),
				() -> sponsors.register(SponsorCode.of("EMPTY"), "No Roster Yet", SponsorKind.HEALTH_PLAN, null, null));
		var body = """
				{"clinic":"%s","sponsorCode":"%s","firstName":"Maya","lastName":"Okafor","dateOfBirth":"1986-04-12","memberId":"%s"}""";

		var notAMember = mvc.perform(post("/api/coverage-checks").contentType(MediaType.APPLICATION_JSON)
				.with(this::fromAddress).content(body.formatted(clinic, "ACME", "NOT-ON-ROSTER")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		for (var sponsor : new String[] { "NOSUCH", "EMPTY" }) {
			mvc.perform(post("/api/coverage-checks").contentType(MediaType.APPLICATION_JSON).with(this::fromAddress)
					.content(body.formatted(clinic, sponsor, "NOT-ON-ROSTER")))
					.andExpect(status().isOk())
					.andExpect(content().json(notAMember, org.springframework.test.json.JsonCompareMode.STRICT));
			mvc.perform(post("/c/" + clinic + "/check-coverage").with(csrf()).with(this::fromAddress)
					.param("sponsorCode", sponsor).param("firstName", "Maya").param("lastName", "Okafor")
					.param("dateOfBirth", "1986-04-12").param("memberId", "A1"))
					.andExpect(status().isOk())
					.andExpect(content().string(allOf(containsString("confirm your coverage"),
							not(containsString("try again later")))));
		}
	}

	@Test
	void sendsVisitorsWithoutASuccessfulCheckBackToTheCheck() throws Exception {
		mvc.perform(get("/c/" + clinic + "/signup"))
				.andExpect(redirectedUrl("/c/" + clinic + "/check-coverage"));
	}

	@Test
	void explainsMissingDetailsOnTheForm() throws Exception {
		mvc.perform(post("/c/" + clinic + "/check-coverage").with(csrf()).with(this::fromAddress)
				.param("sponsorCode", "ACME").param("firstName", "Maya").param("lastName", "Okafor")
				.param("dateOfBirth", "1986-04-12"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Enter your member id, or the email address")));
	}

	@Test
	void answersAnUnknownClinicWithNotFound() throws Exception {
		mvc.perform(get("/c/no-such-clinic/check-coverage")).andExpect(status().isNotFound());
		mvc.perform(post("/api/coverage-checks").contentType(MediaType.APPLICATION_JSON).with(this::fromAddress)
				.content("""
						{"clinic":"no-such-clinic","sponsorCode":"ACME","firstName":"A","lastName":"B","dateOfBirth":"1980-01-01","memberId":"X"}"""))
				.andExpect(status().isNotFound());
	}

	@Test
	void listsEachInvalidFieldOfAnApiRequest() throws Exception {
		mvc.perform(post("/api/coverage-checks").contentType(MediaType.APPLICATION_JSON).with(this::fromAddress)
				.content("{\"clinic\":\"" + clinic + "\",\"sponsorCode\":\"ACME\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field", hasItems("firstName", "lastName", "dateOfBirth")));
	}

	@Test
	void limitsChecksFromOneAddress() throws Exception {

		var body = """
				{"clinic":"%s","sponsorCode":"ACME","firstName":"Maya","lastName":"Okafor","dateOfBirth":"1986-04-12","memberId":"Z%d"}""";

		for (int attempt = 0; attempt < 10; attempt++) {
			mvc.perform(post("/api/coverage-checks").contentType(MediaType.APPLICATION_JSON).with(this::fromAddress)
					.content(body.formatted(clinic, attempt)))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.eligible").value(false));
		}

		mvc.perform(post("/api/coverage-checks").contentType(MediaType.APPLICATION_JSON).with(this::fromAddress)
				.content(body.formatted(clinic, 99)))
				.andExpect(status().isTooManyRequests())
				.andExpect(header().exists("Retry-After"));

		mvc.perform(post("/c/" + clinic + "/check-coverage").with(csrf()).with(this::fromAddress)
				.param("sponsorCode", "ACME").param("firstName", "Maya").param("lastName", "Okafor")
				.param("dateOfBirth", "1986-04-12").param("memberId", "A1"))
				.andExpect(status().isTooManyRequests())
				.andExpect(content().string(containsString("Too many attempts")));
	}

	@Test
	void showsTheCoverageCheckAndSignupPagesInSpanishToAReaderOfSpanish() throws Exception {

		var session = new MockHttpSession();

		mvc.perform(get("/c/" + clinic + "/check-coverage").header("Accept-Language", "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Verifique su cobertura en Riverside Physio"),
						containsString("Fecha de nacimiento"), not(containsString("Check your coverage")))));

		mvc.perform(post("/c/" + clinic + "/check-coverage").header("Accept-Language", "es").session(session)
				.with(csrf()).with(this::fromAddress).param("sponsorCode", "acme").param("firstName", "")
				.param("lastName", "Okafor").param("dateOfBirth", "1986-04-12").param("memberId", "A1"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Escriba su nombre.")));

		mvc.perform(post("/c/" + clinic + "/check-coverage").header("Accept-Language", "es").session(session)
				.with(csrf()).with(this::fromAddress).param("sponsorCode", "acme").param("firstName", "maya")
				.param("lastName", "OKAFOR").param("dateOfBirth", "1986-04-12").param("memberId", "A1"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Usted tiene cobertura de Acme Logistics")));

		mvc.perform(get("/c/" + clinic + "/signup").header("Accept-Language", "es").session(session))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Cree su cuenta en Riverside Physio"),
						containsString("selected=\"selected\">Español</option>"))));
	}

	@Test
	void answersABadApiSignupWithEachFieldsProblemInTheReadersLanguage() throws Exception {

		mvc.perform(post("/api/signups").contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "es")
				.with(this::fromAddress).content("""
						{"clinic":"%s","checkId":"%s","username":"X","email":"not-an-address",
						 "password":"short","state":"WA","timeZone":"America/Los_Angeles","language":"fr"}"""
						.formatted(clinic, UUID.randomUUID())))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[?(@.field == 'username')].message")
						.value("Use de 3 a 40 letras minúsculas, números, puntos, guiones o guiones bajos."))
				.andExpect(jsonPath("$.errors[?(@.field == 'email')].message")
						.value("Escriba un correo electrónico válido."))
				.andExpect(jsonPath("$.errors[?(@.field == 'password')].message").value("Use al menos 12 caracteres."))
				.andExpect(jsonPath("$.errors[?(@.field == 'language')].message").value("Elija inglés o español."));

		mvc.perform(post("/api/signups").contentType(MediaType.APPLICATION_JSON).with(this::fromAddress).content("""
				{"clinic":"%s","checkId":"%s","username":"X","email":"someone@example.org",
				 "password":"long-enough-1","state":"WA","timeZone":"America/Los_Angeles"}"""
				.formatted(clinic, UUID.randomUUID())))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[?(@.field == 'username')].message")
						.value("Use 3 to 40 lower-case letters, digits, dots, hyphens or underscores."));
	}

	@Test
	void limitsSignupsFromOneAddress() throws Exception {

		var body = """
				{"clinic":"no-such-clinic","checkId":"%s","username":"someone.new","email":"someone@example.org",
				 "password":"long-enough-1","state":"WA","timeZone":"America/Los_Angeles"}""";

		for (int attempt = 0; attempt < 10; attempt++) {
			mvc.perform(post("/api/signups").contentType(MediaType.APPLICATION_JSON).with(this::fromAddress)
					.content(body.formatted(UUID.randomUUID())))
					.andExpect(status().isNotFound());
		}

		mvc.perform(post("/api/signups").contentType(MediaType.APPLICATION_JSON).with(this::fromAddress)
				.content(body.formatted(UUID.randomUUID())))
				.andExpect(status().isTooManyRequests())
				.andExpect(header().exists("Retry-After"))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		mvc.perform(post("/c/" + clinic + "/signup").with(csrf()).with(this::fromAddress)
				.param("username", "someone.new").param("email", "someone@example.org").param("password", "long-enough-1")
				.param("state", "WA").param("timeZone", "America/Los_Angeles"))
				.andExpect(status().isTooManyRequests())
				.andExpect(content().string(containsString("Too many attempts")));
	}

	@Test
	void answersAnUnknownOrUsedSignupLinkWithTheSameFriendlyPage() throws Exception {

		for (var token : new String[] { "", "not-a-token", "A".repeat(43) }) {
			mvc.perform(get("/c/" + clinic + "/signup/confirm").param("token", token))
					.andExpect(status().isOk())
					.andExpect(header().string("Referrer-Policy", "no-referrer"))
					.andExpect(content().string(containsString("It may have expired or been used already")));
			mvc.perform(post("/c/" + clinic + "/signup/confirm").with(csrf()).param("token", token))
					.andExpect(status().isOk())
					.andExpect(content().string(containsString("It may have expired or been used already")));
		}
	}

	private MockHttpServletRequest fromAddress(MockHttpServletRequest request) {
		request.setRemoteAddr(address);
		return request;
	}
}
