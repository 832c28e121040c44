package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episodes;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Availability;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;
import health.stride.visits.Visit;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * The visits pages without a browser: staff book for a patient from the chart's link, with the
 * patient's therapist first and times in the clinician's zone; a time just taken, a malformed time
 * or a kind the patient may not book is answered on the page and stores nothing; whoever may not
 * see the patient or the visit is told it does not exist.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VisitPagesTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired Episodes episodes;
	@Autowired Hosts hosts;
	@Autowired Schedules schedules;
	@Autowired VisitTypes types;
	@Autowired Visits visits;

	TenantId clinic;
	UUID alex, sam;
	PatientId maya;
	RequestPostProcessor ptAlex, ptSam, admin, patientMaya;

	@BeforeEach
	void aClinicWithTwoTherapistsAndMaya() {
		clinic = clinics.register(TenantId.of("visits-" + UUID.randomUUID()), "North").tenant();
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == 4);
		alex = UUID.randomUUID();
		sam = UUID.randomUUID();
		maya = CurrentTenant.callAs(clinic, () -> {
			hosts.enlist(alex, "pt.alex", "Alex Morgan, PT", HostKind.THERAPIST);
			hosts.enlist(sam, "pt.sam", "Sam Patel, PT", HostKind.THERAPIST);
			for (var host : List.of(alex, sam)) {
				schedules.change(host, new Availability(NEW_YORK, Arrays.stream(DayOfWeek.values())
						.map(day -> new Availability.WeeklyHours(day, LocalTime.of(8, 0), LocalTime.of(18, 0))).toList(),
						List.of(), Duration.ZERO, 12));
			}
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"), null);
			return id;
		});
		ptAlex = Tokens.browser("pt.alex", List.of(clinic.value()), "therapist");
		ptSam = Tokens.browser("pt.sam", List.of(clinic.value()), "therapist");
		admin = Tokens.browser("admin.nora", List.of(clinic.value()), "clinic-admin");
		patientMaya = Tokens.browser("patient.maya", List.of(clinic.value()), "patient");
	}

	Slot firstSlot(UUID host, String type) {
		return firstSlot(host, type, Visits.PATIENT_LEAD);
	}

	/** The first slot at least {@code lead} from now (staff book from now; a minute spares the page's later clock). */
	Slot firstSlot(UUID host, String type, Duration lead) {
		var now = Instant.now();
		return CurrentTenant.callAs(clinic, () -> schedules.openSlots(host, types.find(type).orElseThrow(), now,
				now.plus(Duration.ofDays(7)), now.plus(lead))).getFirst();
	}

	List<Visit> mayasVisits() {
		return CurrentTenant.callAs(clinic, () -> visits.ofPatient(maya));
	}

	@Test
	void staffBookForAPatientWithTheirTherapistFirstInTheClinicianZone() throws Exception {

		var slot = firstSlot(alex, "follow-up", Duration.ofMinutes(1));

		mvc.perform(get("/patients/{p}/visits/new", maya.id()).with(ptAlex))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("For Maya Okafor"),
						containsString("Follow-up with Alex Morgan, PT"), containsString("Times are shown in America/New_York"),
						containsString("value=\"" + slot.startsAt() + "\""))));

		mvc.perform(post("/patients/{p}/visits", maya.id()).with(ptAlex).with(csrf()).param("type", "follow-up")
				.param("clinicianId", alex.toString()).param("startsAt", slot.startsAt().toString()))
				.andExpect(redirectedUrl("/patients/" + maya.id()))
				.andExpect(flash().attribute("flash", startsWith("Booked: Follow-up with Alex Morgan, PT, ")));

		assertThat(mayasVisits()).singleElement().satisfies(visit -> {
			assertThat(visit.startsAt()).isEqualTo(slot.startsAt());
			assertThat(visit.clinicianId()).isEqualTo(alex);
			assertThat(visit.bookedBy()).isEqualTo("pt.alex");
		});
	}

	@Test
	void anAdministratorChoosesAnyKindWithAnyClinicianWhoHoldsIt() throws Exception {

		mvc.perform(get("/patients/{p}/visits/new", maya.id()).with(admin).param("type", "initial-evaluation")
				.param("clinicianId", sam.toString()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Initial evaluation with Sam Patel, PT")));
		var slot = firstSlot(sam, "initial-evaluation");

		mvc.perform(post("/patients/{p}/visits", maya.id()).with(admin).with(csrf()).param("type", "initial-evaluation")
				.param("clinicianId", sam.toString()).param("startsAt", slot.startsAt().toString()))
				.andExpect(redirectedUrl("/patients/" + maya.id()));

		assertThat(mayasVisits()).extracting(Visit::type, Visit::clinicianId).containsExactly(tuple("initial-evaluation", sam));
		mvc.perform(get("/patients/{p}/visits/new", maya.id()).with(admin).param("type", "coaching-call")
				.param("clinicianId", sam.toString()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("This clinician does not hold this kind of visit.")));
	}

	@Test
	void aTimeJustTakenIsAnsweredWithTheTimesLeftAndStoresNothing() throws Exception {

		var slot = firstSlot(alex, "follow-up");
		var ruth = CurrentTenant.callAs(clinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				"patient.ruth", "Ruth", "Quick", LocalDate.of(1990, 5, 1), "ruth@example.org", null, "WA",
				"America/Los_Angeles")));
		CurrentTenant.runAs(clinic, () -> visits.book(new StrideUser("x", "admin.nora", List.of(clinic),
				Set.of(Role.CLINIC_ADMIN)), ruth, alex, "follow-up", slot.startsAt()));

		for (var user : List.of(admin, patientMaya)) {
			var path = user == admin ? "/patients/" + maya.id() + "/visits" : "/portal/visits";
			mvc.perform(post(path).with(user).with(csrf()).param("type", "follow-up").param("clinicianId", alex.toString())
					.param("startsAt", slot.startsAt().toString()))
					.andExpect(status().isOk())
					.andExpect(content().string(allOf(containsString("Someone just took that time"),
							containsString("name=\"startsAt\""), not(containsString("value=\"" + slot.startsAt() + "\"")))));
		}
		assertThat(mayasVisits()).isEmpty();
	}

	@Test
	void aMalformedTimeOrAKindThePatientMayNotBookIsAnsweredOnThePage() throws Exception {

		var slot = firstSlot(alex, "follow-up");

		mvc.perform(post("/portal/visits").with(patientMaya).with(csrf()).param("type", "follow-up")
				.param("clinicianId", alex.toString()).param("startsAt", "tomorrow at nine"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose one of the open times.")));
		mvc.perform(post("/portal/visits").with(patientMaya).with(csrf()).param("type", "initial-evaluation")
				.param("clinicianId", alex.toString()).param("startsAt", slot.startsAt().toString()))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("What kind of visit, and with whom?"),
						containsString("Follow-up with Alex Morgan, PT"), not(containsString("Initial evaluation with")))));
		mvc.perform(post("/portal/visits").with(patientMaya).with(csrf()).param("type", "follow-up")
				.param("clinicianId", sam.toString()).param("startsAt", slot.startsAt().toString()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("What kind of visit, and with whom?")));
		mvc.perform(post("/patients/{p}/visits", maya.id()).with(ptAlex).with(csrf()).param("type", "follow-up")
				.param("clinicianId", alex.toString()).param("startsAt", slot.startsAt().plusSeconds(300).toString()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose one of the open times.")));

		assertThat(mayasVisits()).isEmpty();
	}

	@Test
	void whoeverMayNotSeeThePatientOrTheVisitIsToldItDoesNotExist() throws Exception {

		var slot = firstSlot(alex, "follow-up");
		mvc.perform(get("/patients/{p}/visits/new", maya.id()).with(ptSam)).andExpect(status().isNotFound());
		mvc.perform(post("/patients/{p}/visits", maya.id()).with(ptSam).with(csrf()).param("type", "follow-up")
				.param("clinicianId", sam.toString()).param("startsAt", slot.startsAt().toString()))
				.andExpect(status().isNotFound());
		assertThat(mayasVisits()).isEmpty();

		var visit = CurrentTenant.callAs(clinic, () -> visits.book(new StrideUser("x", "pt.alex", List.of(clinic),
				Set.of(Role.THERAPIST)), maya, alex, "follow-up", slot.startsAt()));
		CurrentTenant.runAs(clinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.ruth",
				"Ruth", "Quick", LocalDate.of(1990, 5, 1), "ruth@example.org", null, "WA", "America/Los_Angeles")));
		var ruth = Tokens.browser("patient.ruth", List.of(clinic.value()), "patient");
		mvc.perform(get("/portal/visits/{v}/reschedule", visit.id()).with(ruth)).andExpect(status().isNotFound());
		mvc.perform(get("/portal/visits/{v}/cancel", visit.id()).with(ruth)).andExpect(status().isNotFound());
		mvc.perform(post("/portal/visits/{v}/cancellation", visit.id()).with(ruth).with(csrf()))
				.andExpect(status().isNotFound());
		assertThat(mayasVisits()).singleElement().extracting(Visit::isBooked).isEqualTo(true);
	}

	@Test
	void thePatientIsToldBeforeCancellingWithinTheNoticePeriodAndTheListDoesNotSayLate() throws Exception {

		CurrentTenant.runAs(clinic, () -> types.changeNoticePeriod(Duration.ofDays(14)));
		var slot = firstSlot(alex, "follow-up");
		var visit = CurrentTenant.callAs(clinic, () -> visits.book(new StrideUser("x", "patient.maya", List.of(clinic),
				Set.of(Role.PATIENT)), maya, alex, "follow-up", slot.startsAt()));

		mvc.perform(get("/portal/visits/{v}/cancel", visit.id()).with(patientMaya))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("less than 336 hours away")));
		mvc.perform(post("/portal/visits/{v}/cancellation", visit.id()).with(patientMaya).with(csrf())
				.param("reason", "x".repeat(501)))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("at most 500 characters")));
		mvc.perform(post("/portal/visits/{v}/cancellation", visit.id()).with(patientMaya).with(csrf())
				.param("reason", "Feeling better"))
				.andExpect(redirectedUrl("/portal/visits"));

		assertThat(CurrentTenant.callAs(clinic, () -> visits.find(visit))).get().extracting(Visit::late).isEqualTo(true);
		mvc.perform(get("/portal/visits").with(patientMaya))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Cancelled"), containsString("Follow-up"),
						not(containsStringIgnoringCase("late")))));
	}

	@Test
	void aDischargedPatientSeesTheirVisitsButCannotBook() throws Exception {

		CurrentTenant.runAs(clinic, () -> episodes.discharge(maya, Episodes.Discharge.of(DischargeReason.GOALS_MET,
				"Back to running."), new StrideUser("x", "pt.alex", List.of(clinic), Set.of(Role.THERAPIST))));

		mvc.perform(get("/portal/visits").with(patientMaya))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("/portal/visits/new"))));
		mvc.perform(get("/portal/visits/new").with(patientMaya))
				.andExpect(redirectedUrl("/portal/visits"))
				.andExpect(flash().attribute("flash", startsWith("Your portal is read-only")));
		var slot = firstSlot(alex, "follow-up");
		mvc.perform(post("/portal/visits").with(patientMaya).with(csrf()).param("type", "follow-up")
				.param("clinicianId", alex.toString()).param("startsAt", slot.startsAt().toString()))
				.andExpect(redirectedUrl("/portal/visits"));
		assertThat(mayasVisits()).isEmpty();
	}
}
