package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Availability;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Visits;
import tools.jackson.databind.json.JsonMapper;

/**
 * Booking over the API with real tokens: one slot, 64 bookers at once, exactly one 201 and 63
 * problems of 409; moving, cancelling and reading visits; another clinic's visit is 404.
 */
class VisitBookingApiTests extends EndToEndTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	@Autowired Hosts hosts;
	@Autowired Schedules schedules;
	@Autowired PatientDirectory patients;
	@Autowired Visits visits;
	@Autowired JsonMapper json;

	UUID clinician;

	/** A therapist of Northside's of this test only, who works every day in Chicago, so no other test shares their time. */
	@BeforeEach
	void aTherapistWhoWorksEveryDay() {
		clinician = UUID.randomUUID();
		CurrentTenant.runAs(NORTHSIDE, () -> {
			hosts.enlist(clinician, "pt.load-" + clinician, "Load Tester, PT", HostKind.THERAPIST);
			schedules.change(clinician, new Availability(CHICAGO, Arrays.stream(DayOfWeek.values())
					.map(day -> new Availability.WeeklyHours(day, LocalTime.of(8, 0), LocalTime.of(18, 0))).toList(),
					List.of(), Duration.ZERO, 40));
		});
	}

	PatientId patient(String name) {
		return CurrentTenant.callAs(NORTHSIDE, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				"patient." + name + "-" + UUID.randomUUID(), "Test", name, LocalDate.of(1980, 1, 1),
				name + "@example.org", null, "WA", "America/Los_Angeles")));
	}

	String at(int daysAhead, int hour) {
		return LocalDate.now(CHICAGO).plusDays(daysAhead).atTime(hour, 0).atZone(CHICAGO).toOffsetDateTime().toString();
	}

	String booking(PatientId patient, String startsAt) {
		return """
				{"clinicianId": "%s", "type": "follow-up", "startsAt": "%s", "patientId": "%s"}"""
				.formatted(clinician, startsAt, patient);
	}

	@Test
	void sixtyFourBookingsOfOneSlotAtOnceGiveOneVisitAndSixtyThreeConflicts() throws Exception {

		var token = ClinicsApi.token("admin.nora", PASSWORD);
		var bookers = new ArrayList<PatientId>();
		for (var i = 0; i < 64; i++) {
			bookers.add(patient("load" + i));
		}
		var slot = at(2, 9);
		var start = new CountDownLatch(1);
		var answers = new ArrayList<Future<HttpResponse<String>>>();
		try (var pool = Executors.newFixedThreadPool(64)) {
			for (var patient : bookers) {
				answers.add(pool.submit((Callable<HttpResponse<String>>) () -> {
					start.await();
					return ClinicsApi.post("/api/visits", token, booking(patient, slot));
				}));
			}
			start.countDown();
			var responses = new ArrayList<HttpResponse<String>>();
			for (var answer : answers) {
				responses.add(answer.get());
			}
			assertThat(responses).extracting(HttpResponse::statusCode).filteredOn(it -> it == 201).hasSize(1);
			assertThat(responses).extracting(HttpResponse::statusCode).filteredOn(it -> it == 409).hasSize(63);
			var conflict = responses.stream().filter(it -> it.statusCode() == 409).findFirst().orElseThrow();
			assertThat(conflict.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
			assertThat(json.readTree(conflict.body()).get("detail").asString()).contains("no longer free");
			var created = responses.stream().filter(it -> it.statusCode() == 201).findFirst().orElseThrow();
			var visitId = json.readTree(created.body()).get("visitId").asString();
			assertThat(created.headers().firstValue("Location")).get().asString().endsWith("/api/visits/" + visitId);
		}
		var booked = CurrentTenant.callAs(NORTHSIDE, () -> bookers.stream().mapToLong(it -> visits.ofPatient(it).size()).sum());
		assertThat(booked).isEqualTo(1);
	}

	@Test
	void staffBookMoveAndCancelAVisitAndThePatientReadsItInTheirZone() throws Exception {

		var admin = ClinicsApi.token("admin.nora", PASSWORD);
		var maya = CurrentTenant.callAs(NORTHSIDE, () -> patients.findByUsername("patient.maya")).orElseThrow();
		var ruth = patient("ruth");

		var booked = ClinicsApi.post("/api/visits", admin, booking(maya.id(), at(3, 10)));
		assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
		var visitId = json.readTree(booked.body()).get("visitId").asString();
		assertThat(ClinicsApi.post("/api/visits", admin, booking(ruth, at(3, 11))).statusCode()).isEqualTo(201);

		// Maya sees it in her own zone (Los Angeles), two hours behind the clinician's
		var mine = ClinicsApi.get("/api/me/visits", ClinicsApi.token("patient.maya", PASSWORD));
		assertThat(mine.statusCode()).isEqualTo(200);
		var shown = java.util.stream.StreamSupport.stream(json.readTree(mine.body()).spliterator(), false)
				.filter(it -> it.get("visitId").asString().equals(visitId)).findFirst().orElseThrow();
		assertThat(shown.get("status").asString()).isEqualTo("BOOKED");
		assertThat(shown.get("type").asString()).isEqualTo("follow-up");
		assertThat(shown.get("clinicianId").asString()).isEqualTo(clinician.toString());
		var startsAt = OffsetDateTime.parse(shown.get("startsAt").asString());
		assertThat(startsAt.toInstant()).isEqualTo(OffsetDateTime.parse(at(3, 10)).toInstant());
		assertThat(startsAt.getOffset()).isEqualTo(ZoneId.of("America/Los_Angeles").getRules()
				.getOffset(startsAt.toInstant()));
		assertThat(OffsetDateTime.parse(shown.get("endsAt").asString()).toInstant())
				.isEqualTo(startsAt.toInstant().plus(Duration.ofMinutes(30)));

		var onto = ClinicsApi.post("/api/visits/" + visitId + "/reschedule", admin, "{\"startsAt\": \"" + at(3, 11) + "\"}");
		assertThat(onto.statusCode()).as("onto Ruth's visit").isEqualTo(409);
		var moved = ClinicsApi.post("/api/visits/" + visitId + "/reschedule", admin, "{\"startsAt\": \"" + at(3, 14) + "\"}");
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(json.readTree(moved.body()).get("visitId").asString()).isEqualTo(visitId);

		var outside = ClinicsApi.post("/api/visits/" + visitId + "/reschedule", admin, "{\"startsAt\": \"" + at(3, 20) + "\"}");
		assertThat(outside.statusCode()).isEqualTo(400);
		assertThat(outside.body()).contains("\"field\":\"startsAt\"");
		var malformed = ClinicsApi.post("/api/visits/" + visitId + "/reschedule", admin, "{\"startsAt\": \"tomorrow at nine\"}");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("\"field\":\"startsAt\"");

		assertThat(ClinicsApi.post("/api/visits/" + visitId + "/cancellation", admin, "{\"reason\": \"Clinic closed\"}")
				.statusCode()).isEqualTo(204);
		assertThat(ClinicsApi.post("/api/visits/" + visitId + "/cancellation", admin, "{}").statusCode())
				.as("cancelling again").isEqualTo(204);
		var cancelledMove = ClinicsApi.post("/api/visits/" + visitId + "/reschedule", admin,
				"{\"startsAt\": \"" + at(3, 15) + "\"}");
		assertThat(cancelledMove.statusCode()).isEqualTo(409);
		assertThat(cancelledMove.headers().firstValue("Content-Type")).get().asString()
				.startsWith("application/problem+json");
	}

	@Test
	void anotherClinicsVisitDoesNotExistAndStaffMustNameThePatient() throws Exception {

		var admin = ClinicsApi.token("admin.nora", PASSWORD);
		var booked = ClinicsApi.post("/api/visits", admin, booking(patient("ada"), at(4, 9)));
		var visitId = json.readTree(booked.body()).get("visitId").asString();
		var lakeside = ClinicsApi.token("admin.lee", PASSWORD);

		for (var answer : List.of(ClinicsApi.get("/api/visits/" + visitId, lakeside),
				ClinicsApi.post("/api/visits/" + visitId + "/cancellation", lakeside, "{}"),
				ClinicsApi.post("/api/visits/" + visitId + "/reschedule", lakeside, "{\"startsAt\": \"" + at(4, 10) + "\"}"),
				ClinicsApi.post("/api/visits", lakeside, "{\"clinicianId\": \"" + clinician
						+ "\", \"type\": \"follow-up\", \"startsAt\": \"" + at(4, 11) + "\", \"patientId\": \""
						+ UUID.randomUUID() + "\"}"))) {
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
			assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
		}
		assertThat(ClinicsApi.get("/api/visits/" + visitId, admin).statusCode()).isEqualTo(200);

		var nobody = ClinicsApi.post("/api/visits", admin, "{\"clinicianId\": \"" + clinician
				+ "\", \"type\": \"follow-up\", \"startsAt\": \"" + at(4, 12) + "\"}");
		assertThat(nobody.statusCode()).isEqualTo(400);
		assertThat(nobody.body()).contains("\"field\":\"patientId\"");
	}
}
