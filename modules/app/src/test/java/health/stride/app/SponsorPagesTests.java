package health.stride.app;

import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@SpringBootTest
@AutoConfigureMockMvc
class SponsorPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired SponsorManagement sponsors;

	String clinic;

	@BeforeEach
	void aClinic() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "North").tenant().value();
	}

	@Test
	void letsAClinicAdministratorAddAndDescribeASponsor() throws Exception {

		var admin = Tokens.browser("admin.nora", List.of(clinic), "clinic-admin");

		mvc.perform(get("/admin/sponsors").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("No sponsors yet")));

		mvc.perform(post("/admin/sponsors").with(admin).with(csrf())
				.param("code", " acme ").param("name", "Acme Logistics").param("kind", "EMPLOYER")
				.param("contactName", "Priya Shah").param("contactEmail", "benefits@acme.example").param("active", "true"))
				.andExpect(redirectedUrl("/admin/sponsors/ACME"))
				.andExpect(flash().attribute("flash", "Acme Logistics was added."));

		mvc.perform(get("/admin/sponsors/ACME").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Acme Logistics"), containsString("0 members"),
						containsString("No roster uploaded yet"))));

		mvc.perform(post("/admin/sponsors/ACME").with(admin).with(csrf())
				.param("code", "ACME").param("name", "Acme Logistics Inc.").param("kind", "EMPLOYER").param("active", "false"))
				.andExpect(redirectedUrl("/admin/sponsors/ACME"));

		mvc.perform(get("/admin/sponsors").with(admin))
				.andExpect(content().string(allOf(containsString("Acme Logistics Inc."), containsString("Inactive"))));
	}

	@Test
	void explainsWhatIsWrongWithTheFormAndStoresNothing() throws Exception {

		var admin = Tokens.browser("admin.nora", List.of(clinic), "clinic-admin");

		mvc.perform(post("/admin/sponsors").with(admin).with(csrf())
				.param("code", "A!").param("name", " ").param("kind", "EMPLOYER").param("contactEmail", "nope"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Use 2 to 20 letters, digits or hyphens."),
						containsString("Enter the name of the sponsor."), containsString("Enter a valid email address."))));

		CurrentTenant.runAs(TenantId.of(clinic),
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));

		mvc.perform(post("/admin/sponsors").with(admin).with(csrf())
				.param("code", "acme").param("name", "Another Acme").param("kind", "EMPLOYER"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("already has a sponsor with the code ACME")));
	}

	@Test
	void uploadsARosterFromThePageAndShowsItsProgressAndOutcome() throws Exception {

		CurrentTenant.runAs(TenantId.of(clinic), () -> {
			sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null);
			sponsors.appointAdministrator("sponsor.acme", SponsorCode.of("ACME"));
		});
		var sponsorAdmin = Tokens.browser("sponsor.acme", List.of(clinic), "sponsor-admin");

		mvc.perform(get("/sponsors/ACME/rosters/new").with(sponsorAdmin))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("member_id,first_name,last_name")));

		mvc.perform(multipart("/sponsors/ACME/rosters").with(sponsorAdmin).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose the roster file")));

		var location = mvc.perform(multipart("/sponsors/ACME/rosters").file(RosterApiTests.roster())
				.with(sponsorAdmin).with(csrf()))
				.andExpect(status().is3xxRedirection())
				.andReturn().getResponse().getRedirectedUrl();

		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc
				.perform(get(location + "/progress").with(sponsorAdmin))
				.andExpect(content().string(containsString("was imported."))));

		mvc.perform(get(location).with(sponsorAdmin))
				.andExpect(content().string(allOf(containsString("members added"),
						containsString("Download the error report"), not(containsString("hx-trigger")))));

		mvc.perform(get("/sponsor").with(sponsorAdmin))
				.andExpect(content().string(allOf(containsString("fewer than 11"), containsString("roster.csv"))));
		var thisMonth = YearMonth.now(ZoneOffset.UTC);
		mvc.perform(get("/sponsor").with(sponsorAdmin).header("Accept-Language", "es"))
				.andExpect(content().string(allOf(containsString("menos de 11"), containsString(
						thisMonth.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, Locale.of("es")) + " de " + thisMonth.getYear()),
						containsString("Inscritos en "))));
	}

	@Test
	void keepsSponsorPagesFromOtherRolesAndOtherSponsors() throws Exception {

		CurrentTenant.runAs(TenantId.of(clinic), () -> {
			sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null);
			sponsors.register(SponsorCode.of("GLOBEX"), "Globex", SponsorKind.EMPLOYER, null, null);
			sponsors.appointAdministrator("sponsor.acme", SponsorCode.of("ACME"));
		});
		var sponsorAdmin = Tokens.browser("sponsor.acme", List.of(clinic), "sponsor-admin");

		mvc.perform(get("/admin/sponsors").with(sponsorAdmin)).andExpect(status().isForbidden());
		mvc.perform(get("/sponsors/GLOBEX/rosters/new").with(sponsorAdmin)).andExpect(status().isNotFound());
		mvc.perform(get("/sponsors/ACME/rosters/new").with(Tokens.browser("pt.alex", List.of(clinic), "therapist")))
				.andExpect(status().isForbidden());
		mvc.perform(get("/admin/sponsors/ACME").with(Tokens.browser("admin.lee", List.of("elsewhere"), "clinic-admin")))
				.andExpect(status().isForbidden());
	}
}
