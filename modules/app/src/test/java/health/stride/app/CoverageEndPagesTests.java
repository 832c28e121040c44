package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.app.security.Tokens;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.patients.CareTeams;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.CoverageEndChanged;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.Payment;
import health.stride.patients.PortalAccess;
import health.stride.patients.PsfsItem;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** A sponsored cover that ends, as the caseload, the chart and the patient's portal show it, and moving to self-pay. */
@SpringBootTest
@AutoConfigureMockMvc
class CoverageEndPagesTests {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired SponsorManagement sponsors;
	@Autowired PatientDirectory patients;
	@Autowired Consents consents;
	@Autowired Intakes intakes;
	@Autowired CareTeams careTeams;
	@Autowired JdbcClient jdbc;
	@Autowired TransactionTemplate transaction;
	@Autowired ApplicationEventPublisher events;

	TenantId north;
	PatientId grace;
	LocalDate clinicToday;

	@BeforeEach
	void aSponsoredPatientOnAlexsCaseload() {

		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant();
		clinicToday = LocalDate.now(clinics.find(north).orElseThrow().timeZone());
		CurrentTenant.runAs(north, () -> {
			clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST,
					List.of(new License("WA", LicenseKind.LICENSE, "PT 1", LocalDate.now().plusYears(1))));
			var acme = sponsors.register(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, null, null);
			grace = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.grace", "Grace", "Liu",
					LocalDate.of(1970, 1, 1), "grace@example.org", null, "WA", "America/Los_Angeles"));
			patients.changePayment(grace, Payment.sponsor(acme.id().id()));
			for (var document : ConsentDocument.values()) {
				consents.accept(grace, document, consents.currentVersion(document));
			}
			intakes.submit(grace, new IntakeAnswers(java.util.Set.of(PainRegion.LOW_BACK), 4, PainDuration.ACUTE,
					java.util.Set.of(), java.util.Set.of(), "Run again", List.of(new PsfsItem("Running", 2)), java.util.Set.of()));
		});
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(north, () -> careTeams.patientsOf("pt.alex")).size() == 1);
	}

	@Test
	void showsTheDayCoverageEndsOnTheCaseloadTheChartAndThePortalBeforeTheDayInBothLanguages() throws Exception {

		var end = clinicToday.plusDays(14);
		coverEnds(end);

		var therapist = Tokens.browser("pt.alex", List.of(north.value()), "therapist");
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/caseload").with(therapist))
				.andExpect(content().string(containsString("Coverage ends on " + medium(end, Locale.ENGLISH)))));
		mvc.perform(get("/api/caseload").with(Tokens.bearer("pt.alex", List.of(north.value()), "therapist")))
				.andExpect(jsonPath("$.content[0].coverageEndsOn").value(end.toString()));

		mvc.perform(get("/patients/" + grace).with(therapist))
				.andExpect(content().string(containsString("Coverage ends on " + long_(end, Locale.ENGLISH))))
				.andExpect(content().string(containsString("The portal becomes read-only on " + long_(end.plusDays(31), Locale.ENGLISH))));
		mvc.perform(get("/patients/" + grace).with(therapist).header("Accept-Language", "es"))
				.andExpect(content().string(containsString("La cobertura termina el " + long_(end, SPANISH))));
		mvc.perform(get("/caseload").with(therapist).header("Accept-Language", "es"))
				.andExpect(content().string(containsString("La cobertura termina el " + medium(end, SPANISH))));

		mvc.perform(get("/portal").with(Tokens.browser("patient.grace", List.of(north.value()), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(
						"Your coverage through Acme Logistics ends on " + long_(end, Locale.ENGLISH))));
	}

	@Test
	void switchingToSelfPayKeepsThePortalOpenAfterTheGracePeriod() throws Exception {

		var end = clinicToday.minusDays(31);
		coverEnds(end);
		assertThat(access()).isEqualTo(PortalAccess.READ_ONLY);

		var therapist = Tokens.browser("pt.alex", List.of(north.value()), "therapist");
		mvc.perform(get("/patients/" + grace).with(therapist))
				.andExpect(content().string(containsString("Coverage ended on " + long_(end, Locale.ENGLISH) + "; portal read-only")));
		mvc.perform(get("/portal").with(Tokens.browser("patient.grace", List.of(north.value()), "patient")))
				.andExpect(content().string(containsString("you cannot add anything new")));

		mvc.perform(post("/patients/" + grace + "/payment").with(therapist).with(csrf())
						.param("method", "INSURANCE").param("payerName", " "))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("flash", "Give the insurance payer's name."));
		mvc.perform(post("/patients/" + grace + "/payment").with(therapist).with(csrf())
						.param("method", "SPONSOR"))
				.andExpect(flash().attribute("flash", "Choose self-pay or insurance."));
		assertThat(access()).as("nothing changed").isEqualTo(PortalAccess.READ_ONLY);

		mvc.perform(post("/patients/" + grace + "/payment").with(therapist).with(csrf()).param("method", "SELF_PAY"))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("flash", "The patient now pays for their own care; their portal stays open."));

		assertThat(access()).isEqualTo(PortalAccess.OPEN);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/caseload").with(therapist))
				.andExpect(content().string(containsString("Coverage ended on " + medium(end, Locale.ENGLISH))))
				.andExpect(content().string(not(containsString("portal read-only")))));
		mvc.perform(get("/portal").with(Tokens.browser("patient.grace", List.of(north.value()), "patient")))
				.andExpect(content().string(not(containsString("Acme Logistics"))));

		var audited = CurrentTenant.callAs(north, () -> transaction.execute(status -> jdbc.sql("""
				select actor_username from platform.audit_event
				where patient_id = ? and resource = 'patient-payment' and action = 'WRITE' order by occurred_at desc limit 1""")
				.param(grace.id()).query(String.class).single()));
		assertThat(audited).isEqualTo("pt.alex");
	}

	/** The patients module's part (tested there): the record holds the end, and it announces the change. */
	private void coverEnds(LocalDate lastDay) {
		CurrentTenant.runAs(north, () -> transaction.executeWithoutResult(status -> {
			jdbc.sql("update patients.patient set coverage_ends_on = ? where id = ?").params(lastDay, grace.id()).update();
			events.publishEvent(new CoverageEndChanged(north, grace));
		}));
	}

	private PortalAccess access() {
		return CurrentTenant.callAs(north, () -> patients.portalAccess(grace));
	}

	private static String long_(LocalDate day, Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(day);
	}

	private static String medium(LocalDate day, Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day);
	}
}
