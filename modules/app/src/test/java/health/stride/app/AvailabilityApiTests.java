package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Availability;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitTypes;

/**
 * The kinds of visit and a clinician's open slots over the API, on a clock the test sets so the
 * 2027 clock changes are within booking reach: a Los Angeles therapist's slots read by a patient in
 * Phoenix (no daylight saving) keep the patient's offset while the therapist's own view moves with
 * the change; bad ranges and kinds are field errors; clinicians the reader may not see do not exist.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(AvailabilityApiTests.SetClock.class)
class AvailabilityApiTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	/** Real time moved to where the test wants it. */
	static final class MovableClock extends Clock {

		volatile Duration shift = Duration.ZERO;

		void at(Instant now) {
			shift = Duration.between(Instant.now(), now);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return Clock.offset(Clock.system(zone), shift);
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(shift);
		}
	}

	@TestConfiguration
	static class SetClock {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}
	}

	@Autowired MockMvc mvc;
	@Autowired MovableClock clock;
	@Autowired ClinicRegistry clinics;
	@Autowired Hosts hosts;
	@Autowired Schedules schedules;
	@Autowired VisitTypes types;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;

	TenantId clinic;
	UUID alex;
	UUID sam;
	UUID rio;
	RequestPostProcessor ana;
	RequestPostProcessor therapist;

	@BeforeEach
	void aClinicWithTwoTherapistsACoachAndAPatientInPhoenix() {
		clock.at(Instant.parse("2027-03-01T18:00:00Z"));
		clinic = clinics.register(TenantId.of("slots-" + UUID.randomUUID()), "Slots").tenant();
		alex = UUID.randomUUID();
		sam = UUID.randomUUID();
		rio = UUID.randomUUID();
		var everyMorning = new Availability(LOS_ANGELES, Arrays.stream(DayOfWeek.values())
				.map(day -> new Availability.WeeklyHours(day, LocalTime.of(9, 0), LocalTime.of(12, 0))).toList(), List.of(),
				Duration.ZERO, 12);
		CurrentTenant.runAs(clinic, () -> {
			hosts.enlist(alex, "pt.alex", "Alex Morgan, PT", HostKind.THERAPIST);
			hosts.enlist(sam, "pt.sam", "Sam Patel, PT", HostKind.THERAPIST);
			hosts.enlist(rio, "coach.rio", "Rio Santos", HostKind.COACH);
			schedules.change(alex, everyMorning);
			schedules.change(sam, everyMorning);
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.ana", "Ana", "Ruiz",
					LocalDate.of(1980, 5, 1), "ana@example.org", null, "AZ", "America/Phoenix"));
			careTeams.assign(id, new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"),
					new CareTeam.Member(rio, "coach.rio", "Rio Santos"));
		});
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == 4);
		ana = Tokens.bearer("patient.ana", List.of(clinic.value()), "patient");
		therapist = Tokens.bearer("pt.alex", List.of(clinic.value()), "therapist");
	}

	List<String> starts(RequestPostProcessor reader, UUID clinician, String from, String to, String type) throws Exception {
		var json = mvc.perform(get("/api/clinicians/{id}/availability", clinician).with(reader)
				.param("from", from).param("to", to).param("type", type))
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
		List<String> starts = JsonPath.read(json, "$[*].startsAt");
		List<String> ends = JsonPath.read(json, "$[*].endsAt");
		for (int i = 0; i < starts.size(); i++) {
			assertThat(Duration.between(OffsetDateTime.parse(starts.get(i)), OffsetDateTime.parse(ends.get(i))))
					.isEqualTo(Duration.ofMinutes(30));
		}
		return starts;
	}

	@Test
	void namesTheClinicsKindsOfVisitInTheReadersLanguage() throws Exception {

		mvc.perform(get("/api/visit-types").with(ana))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[*].key").value(contains("initial-evaluation", "follow-up", "re-evaluation", "coaching-call")))
				.andExpect(jsonPath("$[1].name").value("Follow-up"))
				.andExpect(jsonPath("$[1].minutes").value(30))
				.andExpect(jsonPath("$[1].heldBy").value("THERAPIST"))
				.andExpect(jsonPath("$[1].selfBookable").value(true))
				.andExpect(jsonPath("$[3].heldBy").value("COACH"))
				.andExpect(jsonPath("$[0].selfBookable").value(false));
		mvc.perform(get("/api/visit-types").with(therapist).header("Accept-Language", "es"))
				.andExpect(jsonPath("$[0].name").value("Evaluación inicial"));
		mvc.perform(get("/api/visit-types").with(Tokens.bearer("sponsor.sue", List.of(clinic.value()), "sponsor-admin")))
				.andExpect(status().isForbidden());
	}

	@Test
	void aPatientInPhoenixKeepsTheirOffsetWhileTheTherapistsMovesWhenTheClocksGoForward() throws Exception {

		var patientView = starts(ana, alex, "2027-03-13", "2027-03-14", "follow-up");
		assertThat(patientView).allMatch(it -> it.endsWith("-07:00"))
				.contains("2027-03-13T10:00:00-07:00", "2027-03-14T09:00:00-07:00");
		// 09:00 in Los Angeles was 10:00 in Phoenix on Saturday, and is 09:00 there from Sunday
		assertThat(patientView.getFirst()).isEqualTo("2027-03-13T10:00:00-07:00");
		assertThat(patientView).filteredOn(it -> it.startsWith("2027-03-14")).first().isEqualTo("2027-03-14T09:00:00-07:00");

		var therapistView = starts(therapist, alex, "2027-03-13", "2027-03-14", "follow-up");
		assertThat(therapistView).filteredOn(it -> it.startsWith("2027-03-13")).allMatch(it -> it.endsWith("-08:00"))
				.first().isEqualTo("2027-03-13T09:00:00-08:00");
		assertThat(therapistView).filteredOn(it -> it.startsWith("2027-03-14")).allMatch(it -> it.endsWith("-07:00"))
				.first().isEqualTo("2027-03-14T09:00:00-07:00");
		assertThat(therapistView).hasSize(patientView.size()).hasSize(22);
	}

	@Test
	void aPatientInPhoenixKeepsTheirOffsetWhileTheTherapistsMovesWhenTheClocksGoBack() throws Exception {

		clock.at(Instant.parse("2027-10-25T18:00:00Z"));

		var patientView = starts(ana, alex, "2027-11-06", "2027-11-07", "follow-up");
		assertThat(patientView).allMatch(it -> it.endsWith("-07:00"));
		assertThat(patientView.getFirst()).isEqualTo("2027-11-06T09:00:00-07:00");
		assertThat(patientView).filteredOn(it -> it.startsWith("2027-11-07")).first().isEqualTo("2027-11-07T10:00:00-07:00");

		var therapistView = starts(therapist, alex, "2027-11-06T00:00:00-07:00", "2027-11-08T00:00:00-08:00", "follow-up");
		assertThat(therapistView).filteredOn(it -> it.startsWith("2027-11-06")).allMatch(it -> it.endsWith("-07:00"))
				.first().isEqualTo("2027-11-06T09:00:00-07:00");
		assertThat(therapistView).filteredOn(it -> it.startsWith("2027-11-07")).allMatch(it -> it.endsWith("-08:00"))
				.first().isEqualTo("2027-11-07T09:00:00-08:00");
	}

	@Test
	void offersAPatientNothingSoonerThanTwoHoursAndNobodyAnythingPastSixtyDays() throws Exception {

		clock.at(Instant.parse("2027-03-01T18:05:00Z"));
		// 18:05 UTC is 10:05 in Los Angeles: staff may book 10:15, a patient from 12:05 (after hours)
		assertThat(starts(therapist, alex, "2027-03-01", "2027-03-01", "follow-up")).first()
				.isEqualTo("2027-03-01T10:15:00-08:00");
		assertThat(starts(ana, alex, "2027-03-01", "2027-03-01", "follow-up")).isEmpty();

		var last = starts(therapist, alex, "2027-04-20", "2027-05-10", "follow-up").getLast();
		assertThat(OffsetDateTime.parse(last).toInstant()).isBefore(Instant.parse("2027-03-01T18:05:00Z").plus(Duration.ofDays(60)));
		assertThat(last).isEqualTo("2027-04-30T11:00:00-07:00");
	}

	@Test
	void answersBadRangesAndKindsWithFieldErrorsInTheReadersLanguage() throws Exception {

		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(therapist).param("to", "2027-03-05").param("type", "follow-up"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[*].field").value(contains("from")));
		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(therapist)
				.param("from", "2027-13-01").param("to", "next tuesday").param("type", "nap"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("from", "to", "type")))
				.andExpect(jsonPath("$.errors[?(@.field == 'type')].message").value(contains("Choose a kind of visit the clinic offers.")));
		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(therapist)
				.param("from", "2027-03-05").param("to", "2027-03-04").param("type", "follow-up"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("to"))
				.andExpect(jsonPath("$.errors[0].message").value("The end must come after the start."));
		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(therapist).header("Accept-Language", "es")
				.param("from", "2027-03-01").param("to", "2027-04-01").param("type", "follow-up"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].message").value("Pida como máximo 31 días a la vez."));
		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(therapist)
				.param("from", "2027-03-01T09:00:00").param("to", "2027-03-02T09:00:00Z").param("type", "follow-up"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field").value(contains("from")));
		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(therapist)
				.param("from", "2027-03-01").param("to", "2027-03-02\u0000").param("type", "follow-up"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field").value(contains("to")));
		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(therapist)
				.param("from", "2027-03-01").param("to", "2027-03-02").param("type", "x".repeat(100_000)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field").value(contains("type")));
		// a patient may not look for kinds only the care team books, nor a coach's kind with a therapist
		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(ana)
				.param("from", "2027-03-05").param("to", "2027-03-06").param("type", "initial-evaluation"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].message").value("Your care team books this kind of visit with you."));
		mvc.perform(get("/api/clinicians/{id}/availability", alex).with(ana)
				.param("from", "2027-03-05").param("to", "2027-03-06").param("type", "coaching-call"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("type"));
		mvc.perform(get("/api/clinicians/{id}/availability", "not-an-id").with(ana)
				.param("from", "2027-03-05").param("to", "2027-03-06").param("type", "follow-up"))
				.andExpect(status().isBadRequest());
	}

	@Test
	void aClinicianOffTheCareTeamOrInAnotherClinicDoesNotExist() throws Exception {

		mvc.perform(get("/api/clinicians/{id}/availability", sam).with(ana)
				.param("from", "2027-03-05").param("to", "2027-03-06").param("type", "follow-up"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		assertThat(starts(ana, rio, "2027-03-05", "2027-03-06", "coaching-call")).isEmpty(); // the coach set no hours
		assertThat(starts(therapist, sam, "2027-03-05", "2027-03-06", "follow-up")).hasSize(22);

		var elsewhere = clinics.register(TenantId.of("slots-" + UUID.randomUUID()), "Elsewhere").tenant();
		for (var stranger : List.of(Tokens.bearer("pt.alex", List.of(elsewhere.value()), "therapist"),
				Tokens.bearer("admin.kim", List.of(elsewhere.value()), "clinic-admin"),
				Tokens.bearer("patient.ana", List.of(elsewhere.value()), "patient"))) {
			mvc.perform(get("/api/clinicians/{id}/availability", alex).with(stranger)
					.param("from", "2027-03-05").param("to", "2027-03-06").param("type", "follow-up"))
					.andExpect(status().isNotFound());
		}
		// a clinician who left offers nothing
		CurrentTenant.runAs(clinic, () -> hosts.withdraw(sam));
		assertThat(starts(therapist, sam, "2027-03-05", "2027-03-06", "follow-up")).isEmpty();
	}
}
