package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
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
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Availability.DateException;
import health.stride.visits.Availability.WeeklyHours;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;

/**
 * The clinic administrator's kinds of visit and notice period, and the availability page a clinician
 * keeps for themself (an administrator for anyone): saved whole or not at all, every mistake told
 * beside its field, another's page not found for a clinician.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AvailabilityPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired Hosts hosts;
	@Autowired Schedules schedules;
	@Autowired VisitTypes types;

	TenantId clinic;
	UUID alex;
	UUID sam;
	RequestPostProcessor admin;
	RequestPostProcessor therapist;

	@BeforeEach
	void aClinicWithTwoTherapists() {
		clinic = clinics.register(TenantId.of("avail-" + UUID.randomUUID()), "Avail").tenant();
		alex = UUID.randomUUID();
		sam = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> {
			hosts.enlist(alex, "pt.alex", "Alex Morgan, PT", HostKind.THERAPIST);
			hosts.enlist(sam, "pt.sam", "Sam Patel, PT", HostKind.THERAPIST);
		});
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == 4);
		admin = Tokens.browser("admin.nora", List.of(clinic.value()), "clinic-admin");
		therapist = Tokens.browser("pt.alex", List.of(clinic.value()), "therapist");
	}

	@Test
	void anAdministratorAddsChangesAndRetiresKindsOfVisit() throws Exception {

		mvc.perform(get("/admin/visit-types").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Kinds of visit"), containsString("Initial evaluation"),
						containsString("Coaching call"), containsString("a health coach"), containsString("value=\"24\""))));
		mvc.perform(get("/admin/visit-types").with(admin).header("Accept-Language", "es"))
				.andExpect(content().string(allOf(containsString("Tipos de visita"), containsString("Evaluación inicial"))));

		mvc.perform(post("/admin/visit-types").with(admin).with(csrf()).param("name", " Pelvic Health Évaluation ")
				.param("key", "").param("minutes", "50").param("heldBy", "THERAPIST").param("selfBookable", "true"))
				.andExpect(redirectedUrl("/admin/visit-types"))
				.andExpect(flash().attribute("flash", "Pelvic Health Évaluation was added."));
		assertThat(CurrentTenant.callAs(clinic, () -> types.find("pelvic-health-evaluation")))
				.hasValue(new VisitType("pelvic-health-evaluation", "Pelvic Health Évaluation", 50, HostKind.THERAPIST, true));

		mvc.perform(post("/admin/visit-types").with(admin).with(csrf()).param("name", "Pelvic health evaluation")
				.param("minutes", "500").param("heldBy", "NURSE"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Nothing was saved"),
						containsString("already holds a kind of visit with the key pelvic-health-evaluation"),
						containsString("A visit lasts from 5 to 240 minutes."), containsString("Choose who holds this kind of visit."))));
		mvc.perform(post("/admin/visit-types").with(admin).with(csrf()).param("name", " ").param("key", "Bad Key!")
				.param("minutes", "30").param("heldBy", "COACH"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Give the kind of visit a name.")));
		mvc.perform(post("/admin/visit-types").with(admin).with(csrf()).param("name", "Check-in").param("key", "Bad Key!")
				.param("minutes", "30").param("heldBy", "COACH"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Use lower-case letters, digits and single hyphens")));

		// a seeded kind keeps its name in every language when the name is left empty
		mvc.perform(get("/admin/visit-types/follow-up").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Change Follow-up")));
		mvc.perform(post("/admin/visit-types/follow-up").with(admin).with(csrf()).param("name", "")
				.param("minutes", "45").param("heldBy", "THERAPIST"))
				.andExpect(redirectedUrl("/admin/visit-types"));
		assertThat(CurrentTenant.callAs(clinic, () -> types.find("follow-up")))
				.hasValue(new VisitType("follow-up", null, 45, HostKind.THERAPIST, false));

		mvc.perform(post("/admin/visit-types/pelvic-health-evaluation/retirement").with(admin).with(csrf()))
				.andExpect(redirectedUrl("/admin/visit-types"));
		assertThat(CurrentTenant.callAs(clinic, () -> types.all())).extracting(VisitType::key)
				.doesNotContain("pelvic-health-evaluation");
		mvc.perform(get("/admin/visit-types/pelvic-health-evaluation").with(admin)).andExpect(status().isNotFound());

		mvc.perform(post("/admin/notice-period").with(admin).with(csrf()).param("noticePeriod", "48"))
				.andExpect(redirectedUrl("/admin/visit-types"));
		assertThat(CurrentTenant.callAs(clinic, () -> types.noticePeriod())).isEqualTo(Duration.ofHours(48));
		mvc.perform(post("/admin/notice-period").with(admin).with(csrf()).param("noticePeriod", "400"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("The notice period is from 0 to 336 hours.")));
		mvc.perform(post("/admin/notice-period").with(admin).with(csrf()).param("noticePeriod", "a day"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("The notice period is from 0 to 336 hours.")));
		assertThat(CurrentTenant.callAs(clinic, () -> types.noticePeriod())).isEqualTo(Duration.ofHours(48));

		mvc.perform(get("/admin/visit-types").with(therapist)).andExpect(status().isForbidden());
	}

	@Test
	void aTherapistSetsTheirWeekAndSeesTheOpenTimesItLeaves() throws Exception {

		mvc.perform(get("/availability").with(therapist)).andExpect(redirectedUrl("/availability/" + alex));
		mvc.perform(get("/availability/" + alex).with(therapist))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Availability"), containsString("No open time in the next 14 days."),
						containsString("America/Los_Angeles"))));

		var date = LocalDate.now(ZoneId.of("America/New_York")).plusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
		mvc.perform(post("/availability/" + alex).with(therapist).with(csrf())
				.param("zone", "America/New_York").param("buffer", "10").param("maxPerDay", "6")
				.param("week[0].day", "MONDAY").param("week[0].starts", "09:00").param("week[0].ends", "12:00")
				.param("week[1].day", "MONDAY").param("week[1].starts", "13:00").param("week[1].ends", "17:30")
				.param("week[2].day", "TUESDAY").param("week[2].starts", "").param("week[2].ends", "")
				.param("exceptions[0].date", date.toString()).param("exceptions[0].kind", "HOURS")
				.param("exceptions[0].starts", "10:00").param("exceptions[0].ends", "11:00")
				.param("exceptions[1].date", "").param("exceptions[1].kind", "OFF"))
				.andExpect(redirectedUrl("/availability/" + alex))
				.andExpect(flash().attribute("flash", "The availability was saved."));

		var saved = CurrentTenant.callAs(clinic, () -> schedules.of(alex));
		assertThat(saved.zone()).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(saved.buffer()).isEqualTo(Duration.ofMinutes(10));
		assertThat(saved.maxPerDay()).isEqualTo(6);
		assertThat(saved.week()).containsExactly(new WeeklyHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
				new WeeklyHours(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(17, 30)));
		assertThat(saved.exceptions()).containsExactly(new DateException(date, LocalTime.of(10, 0), LocalTime.of(11, 0)));

		mvc.perform(get("/availability/" + alex).with(therapist))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Shown for: Follow-up, 30 minutes, in America/New_York."),
						containsString("value=\"13:00\""), containsString("value=\"17:30\""), containsString(date.toString()))))
				.andExpect(content().string(not(containsString("No open time in the next 14 days."))));
	}

	@Test
	void tellsEachMistakeBesideItsFieldAndSavesNothing() throws Exception {

		mvc.perform(post("/availability/" + alex).with(therapist).with(csrf())
				.param("zone", "Mars/Olympus_Mons").param("buffer", "300").param("maxPerDay", "0")
				.param("week[0].day", "MONDAY").param("week[0].starts", "09:00").param("week[0].ends", "12:00")
				.param("week[1].day", "MONDAY").param("week[1].starts", "11:00").param("week[1].ends", "")
				.param("exceptions[0].date", "tomorrow").param("exceptions[0].kind", "OFF"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Nothing was saved"), containsString("Choose a time zone from the list."),
						containsString("Give both times, such as 09:00 and 12:30."), containsString("Give the date"))));

		mvc.perform(post("/availability/" + alex).with(therapist).with(csrf())
				.param("zone", "America/Chicago").param("buffer", "300").param("maxPerDay", "41")
				.param("week[0].day", "MONDAY").param("week[0].starts", "09:00").param("week[0].ends", "12:00")
				.param("week[1].day", "MONDAY").param("week[1].starts", "11:00").param("week[1].ends", "13:00"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("spans on the same day may not overlap"),
						containsString("The buffer between visits is at most 120 minutes."),
						containsString("The most visits in a day is from 1 to 40."))));

		assertThat(CurrentTenant.callAs(clinic, () -> schedules.of(alex)).week()).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> schedules.of(alex)).zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
	}

	@Test
	void aTherapistKeepsOnlyTheirOwnWhileAnAdministratorKeepsAnyones() throws Exception {

		mvc.perform(get("/availability/" + sam).with(therapist)).andExpect(status().isNotFound());
		mvc.perform(post("/availability/" + sam).with(therapist).with(csrf()).param("zone", "America/Chicago")
				.param("buffer", "0").param("maxPerDay", "5")).andExpect(status().isNotFound());

		mvc.perform(get("/availability").with(admin)).andExpect(redirectedUrl("/availability/" + alex));
		mvc.perform(get("/availability").with(admin).param("clinician", sam.toString()))
				.andExpect(redirectedUrl("/availability/" + sam));
		mvc.perform(get("/availability/" + sam).with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Availability of Sam Patel, PT"), containsString("Alex Morgan, PT"))));
		mvc.perform(post("/availability/" + sam).with(admin).with(csrf()).param("zone", "America/Chicago")
				.param("buffer", "0").param("maxPerDay", "5")
				.param("week[0].day", "FRIDAY").param("week[0].starts", "08:00").param("week[0].ends", "10:00"))
				.andExpect(redirectedUrl("/availability/" + sam));
		assertThat(CurrentTenant.callAs(clinic, () -> schedules.of(sam)).week())
				.containsExactly(new WeeklyHours(DayOfWeek.FRIDAY, LocalTime.of(8, 0), LocalTime.of(10, 0)));

		var elsewhere = clinics.register(TenantId.of("avail-" + UUID.randomUUID()), "Elsewhere").tenant();
		mvc.perform(get("/availability/" + sam).with(Tokens.browser("admin.nora", List.of(elsewhere.value()), "clinic-admin")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/availability").with(Tokens.browser("admin.nora", List.of(elsewhere.value()), "clinic-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("No clinician holds visits at this clinic yet.")));
	}
}
