package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.app.security.Tokens;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Availability;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitId;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * The clinician's agenda (a day, a week, in their zone, their own clinic's visits only, staff only)
 * and the patient's upcoming visits on the portal home.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VisitCalendarPagesTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired Hosts hosts;
	@Autowired Schedules schedules;
	@Autowired Visits visits;
	@Autowired VisitTypes types;
	@Autowired AuditTrail audit;
	@Autowired JdbcClient jdbc;
	@Autowired PlatformTransactionManager transactions;

	String north, lake;
	UUID alex, jordan;
	PatientId maya, larry;
	LocalDate tomorrow, dayAfter;
	VisitId tomorrowsVisit;

	@BeforeEach
	void twoClinicsWithAVisitEach() {

		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		alex = therapist(north, "pt.alex", "Alex Morgan, PT");
		jordan = therapist(lake, "pt.jordan", "Jordan Reyes, PT");
		maya = patient(north, "patient.maya." + UUID.randomUUID(), "Maya", "Okafor", alex, "pt.alex", "Alex Morgan, PT");
		larry = patient(lake, "patient.larry." + UUID.randomUUID(), "Larry", "Lakeman", jordan, "pt.jordan",
				"Jordan Reyes, PT");

		tomorrow = LocalDate.now(NEW_YORK).plusDays(1);
		dayAfter = tomorrow.plusDays(1);
		tomorrowsVisit = book(north, maya, alex, "pt.alex", tomorrow.atTime(10, 0));
		book(north, maya, alex, "pt.alex", dayAfter.atTime(15, 30));
		book(lake, larry, jordan, "pt.jordan", tomorrow.atTime(10, 0));
	}

	@Test
	void theTherapistSeesTheirDayWithNamesKindsAndLinksToTheChart() throws Exception {

		var therapist = Tokens.browser("pt.alex", List.of(north), "therapist");
		var day = mvc.perform(get("/schedule").param("date", tomorrow.toString()).with(therapist))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Maya Okafor"), containsString("Follow-up"),
						containsString("href=\"/patients/" + maya + "\""), containsString("Booked"),
						containsString("10:00"), containsString("America/New_York"),
						containsString("view=day&amp;date=" + dayAfter))))
				.andReturn().getResponse().getContentAsString();
		assertThat(day).doesNotContain("15:30", "3:30", "Larry").as("tomorrow only, this clinic only");
		assertThat(day).doesNotContain("Mark as held").as("a visit to come is not held yet");
		assertThat(day).doesNotContain("hx-trigger=\"every 15s\"").as("another day than today does not renew itself");

		mvc.perform(get("/schedule").param("view", "week").param("date", tomorrow.toString()).with(therapist))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Maya Okafor"), containsString("3:30"),
						not(containsString("Larry")))));

		// the reader sees the patient on the agenda: recorded like any list of patients
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> CurrentTenant.callAs(TenantId.of(north),
				() -> audit.aboutPatient(maya.id(), 50)).stream().anyMatch(it -> "schedule".equals(it.resource())));

		mvc.perform(get("/schedule").param("date", "not-a-date").with(therapist)).andExpect(status().isOk());
	}

	@Test
	void anAdministratorPicksAClinicianOfTheirOwnClinicOnly() throws Exception {

		var admin = Tokens.browser("admin.nora", List.of(north), "clinic-admin");
		mvc.perform(get("/schedule").param("clinician", alex.toString()).param("date", tomorrow.toString()).with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Maya Okafor"), containsString("Alex Morgan, PT"),
						not(containsString("Mark as held")))));
		mvc.perform(get("/schedule").param("clinician", jordan.toString()).with(admin)).andExpect(status().isNotFound());
		mvc.perform(get("/schedule").param("clinician", "nonsense").with(admin)).andExpect(status().isNotFound());
	}

	@Test
	void aPatientCannotOpenTheAgenda() throws Exception {
		mvc.perform(get("/schedule").with(Tokens.browser("patient.maya", List.of(north), "patient")))
				.andExpect(status().isForbidden());
		mvc.perform(post("/schedule/visits/" + tomorrowsVisit + "/held").with(csrf())
				.with(Tokens.browser("patient.maya", List.of(north), "patient"))).andExpect(status().isForbidden());
	}

	@Test
	void theTherapistMarksAVisitThatStartedAsHeld() throws Exception {

		var started = VisitId.random();
		var startsAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
		CurrentTenant.runAs(TenantId.of(north), () -> new TransactionTemplate(transactions).executeWithoutResult(
				status -> jdbc.sql("""
						insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
						                          booked_by, booked_at)
						values (?, ?, ?, 'follow-up', ?, ?, ?, 'BOOKED', 'pt.alex', now() - interval '1 day')""")
						.params(started.id(), maya.id(), alex, Timestamp.from(startsAt),
								Timestamp.from(startsAt.plusSeconds(1800)), Timestamp.from(startsAt.plusSeconds(1800)))
						.update()));
		var therapist = Tokens.browser("pt.alex", List.of(north), "therapist");
		var today = startsAt.atZone(NEW_YORK).toLocalDate();
		mvc.perform(get("/schedule").param("date", today.toString()).with(therapist))
				.andExpect(content().string(containsString("/schedule/visits/" + started + "/held")));
		// today's agenda renews itself, so that who waits in a room shows without a reload
		mvc.perform(get("/schedule").with(therapist))
				.andExpect(content().string(allOf(
						containsString("hx-get=\"/schedule?view=day&amp;date=" + LocalDate.now(NEW_YORK) + "&amp;clinician=" + alex + "\""),
						containsString("hx-trigger=\"every 15s\""), containsString("hx-select=\"#agenda-days\""))));

		mvc.perform(post("/schedule/visits/" + started + "/held").param("date", today.toString()).with(csrf()).with(therapist))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/schedule?view=day&date=" + today));
		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> visits.find(started)).orElseThrow().status())
				.isEqualTo(VisitStatus.COMPLETED);

		mvc.perform(post("/schedule/visits/" + started + "/held").with(csrf())
				.with(Tokens.browser("pt.jordan", List.of(lake), "therapist"))).andExpect(status().isNotFound());
	}

	@Test
	void thePatientSeesTheirNextVisitsOnThePortalHome() throws Exception {

		var username = CurrentTenant.callAs(TenantId.of(north), () -> patients.find(maya)).orElseThrow().username();
		mvc.perform(get("/portal").with(Tokens.browser(username, List.of(north), "patient")))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Your visits"), containsString("Follow-up"),
						containsString("with Alex Morgan, PT"), containsString("href=\"/portal/visits\""),
						containsString(String.valueOf(tomorrow.getDayOfMonth())))));

		var larrysName = CurrentTenant.callAs(TenantId.of(lake), () -> patients.find(larry)).orElseThrow().username();
		mvc.perform(get("/portal").with(Tokens.browser(larrysName, List.of(lake), "patient")))
				.andExpect(content().string(allOf(containsString("with Jordan Reyes, PT"), not(containsString("Alex")))));
	}

	private UUID therapist(String clinic, String username, String name) {
		return CurrentTenant.callAs(TenantId.of(clinic), () -> {
			clinicians.add(username, name, ClinicianRole.THERAPIST,
					List.of(new License("WA", LicenseKind.LICENSE, "PT 1", LocalDate.now().plusYears(1))));
			var id = clinicians.findByUsername(username).orElseThrow().id().id();
			schedules.change(id, new Availability(NEW_YORK, Arrays.stream(DayOfWeek.values())
					.map(day -> new Availability.WeeklyHours(day, LocalTime.of(8, 0), LocalTime.of(18, 0))).toList(),
					List.of(), Duration.ZERO, 12));
			return id;
		});
	}

	private PatientId patient(String clinic, String username, String first, String last, UUID clinician,
			String clinicianUsername, String clinicianName) {
		return CurrentTenant.callAs(TenantId.of(clinic), () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), username, first, last,
					LocalDate.of(1986, 4, 12), username + "@example.org", null, "WA", "America/New_York"));
			careTeams.assign(id, new CareTeam.Member(clinician, clinicianUsername, clinicianName), null);
			return id;
		});
	}

	private VisitId book(String clinic, PatientId patient, UUID clinician, String clinicianUsername,
			java.time.LocalDateTime at) {
		Awaitility.await().until(() -> CurrentTenant.callAs(TenantId.of(clinic), () -> types.all().size()) == 4);
		var by = new StrideUser(UUID.randomUUID().toString(), clinicianUsername, List.of(TenantId.of(clinic)),
				Set.of(Role.THERAPIST));
		return CurrentTenant.callAs(TenantId.of(clinic),
				() -> visits.book(by, patient, clinician, "follow-up", at.atZone(NEW_YORK).toInstant()));
	}
}
