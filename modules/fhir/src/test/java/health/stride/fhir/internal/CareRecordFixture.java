package health.stride.fhir.internal;

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
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Availability;
import health.stride.visits.Schedules;
import health.stride.visits.VisitId;
import health.stride.visits.VisitNote;
import health.stride.visits.VisitNotes;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * A clinic with a therapist, Alex, who cares for two patients, Maya and Leo, each with a thread that opened
 * with the care team's welcome; and what the tests add to their care through the modules' own APIs:
 * messages, and visits booked, cancelled and held (signed). The clinic is new for every test.
 */
@Component
class CareRecordFixture {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
	/** Monday 2 March 2026, 07:00 in Los Angeles: the tests' "now" until they move it. */
	static final Instant MONDAY = Instant.parse("2026-03-02T15:00:00Z");

	private final ClinicRegistry clinics;
	private final VisitTypes types;
	private final ClinicianManagement clinicians;
	private final Schedules schedules;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Threads threads;
	private final Visits visits;
	private final VisitNotes notes;

	TenantId clinic;
	CareTeam.Member alex;
	PatientId maya;
	PatientId leo;
	String mayasUsername;
	String leosUsername;

	CareRecordFixture(ClinicRegistry clinics, VisitTypes types, ClinicianManagement clinicians, Schedules schedules,
			PatientDirectory patients, CareTeams careTeams, Threads threads, Visits visits, VisitNotes notes) {
		this.clinics = clinics;
		this.types = types;
		this.clinicians = clinicians;
		this.schedules = schedules;
		this.patients = patients;
		this.careTeams = careTeams;
		this.threads = threads;
		this.visits = visits;
		this.notes = notes;
	}

	/** A new clinic with Alex, Maya and Leo; Maya's and Leo's threads hold the welcome. */
	CareRecordFixture create(MovableClock clock) {
		clock.set(MONDAY);
		clinic = newClinic();
		var suffix = UUID.randomUUID().toString().substring(0, 8);
		mayasUsername = "patient.maya-" + suffix;
		leosUsername = "patient.leo-" + suffix;
		CurrentTenant.runAs(clinic, () -> {
			var id = clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST, List.of());
			alex = new CareTeam.Member(id.id(), "pt.alex", "Alex Morgan, PT");
			schedules.change(id.id(), new Availability(LOS_ANGELES, Arrays.stream(DayOfWeek.values())
					.map(day -> new Availability.WeeklyHours(day, LocalTime.of(8, 0), LocalTime.of(18, 0))).toList(),
					List.of(), Duration.ZERO, 12));
			maya = patients.register(new NewPatient(UUID.randomUUID().toString(), mayasUsername, "Maya", "Okafor",
					LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA", "America/Los_Angeles"));
			leo = patients.register(new NewPatient(UUID.randomUUID().toString(), leosUsername, "Leo",
					"Brandt", LocalDate.of(1979, 1, 30), "leo@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(maya, alex, null);
			careTeams.assign(leo, alex, null);
		});
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic,
				() -> threads.ofPatient(maya).filter(it -> it.lastSeq() > 0).isPresent()
						&& threads.ofPatient(leo).filter(it -> it.lastSeq() > 0).isPresent()));
		return this;
	}

	/** Another clinic, its seeded kinds of visit in place. */
	TenantId newClinic() {
		var created = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		Awaitility.await().until(() -> CurrentTenant.callAs(created, () -> types.all().size()) == VisitType.SEEDED.size());
		return created;
	}

	StrideUser user(String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}

	StrideUser mayaSignedIn() {
		return user(mayasUsername, Role.PATIENT);
	}

	StrideUser leoSignedIn() {
		return user(leosUsername, Role.PATIENT);
	}

	StrideUser alexSignedIn() {
		return user("pt.alex", Role.THERAPIST);
	}

	Requester asMaya() {
		return Requester.patient(mayaSignedIn(), clinic, maya);
	}

	Requester asLeo() {
		return Requester.patient(leoSignedIn(), clinic, leo);
	}

	Requester asAlex() {
		return Requester.user(alexSignedIn(), clinic);
	}

	/** A therapist of the clinic who is not on Maya's or Leo's care team. */
	Requester asSam() {
		return Requester.user(user("pt.sam", Role.THERAPIST), clinic);
	}

	Requester asAdministrator() {
		return Requester.user(user("admin.nora", Role.CLINIC_ADMIN), clinic);
	}

	Requester asIntegration() {
		return Requester.system(user("service-account-stride-fhir", Role.CLINIC_ADMIN), clinic);
	}

	/** Posts a message in the patient's thread as the user. */
	Threads.Message post(PatientId patient, StrideUser sender, String text) {
		return CurrentTenant.callAs(clinic, () -> threads.post(threads.ofPatient(patient).orElseThrow().id(), sender, text));
	}

	/** Alex books a follow-up for the patient; the thread's note of it (posted after the commit) is there too. */
	VisitId book(PatientId patient, Instant startsAt) {
		var before = lastSeq(patient);
		var visit = CurrentTenant.callAs(clinic, () -> visits.book(alexSignedIn(), patient, alex.clinicianId(),
				"follow-up", startsAt));
		Awaitility.await().until(() -> lastSeq(patient) > before);
		return visit;
	}

	/** Alex cancels the visit; the thread's note of it is there too. */
	void cancel(VisitId visit) {
		var patient = CurrentTenant.callAs(clinic, () -> visits.find(visit)).orElseThrow().patient();
		var before = lastSeq(patient);
		CurrentTenant.runAs(clinic, () -> visits.cancel(alexSignedIn(), visit, "Travelling"));
		Awaitility.await().until(() -> lastSeq(patient) > before);
	}

	private long lastSeq(PatientId patient) {
		return CurrentTenant.callAs(clinic, () -> threads.ofPatient(patient)).map(Threads.Thread::lastSeq).orElse(0L);
	}

	/** The visit took place: Alex signs its note, once the clock is past its start. */
	void hold(VisitId visit) {
		CurrentTenant.runAs(clinic, () -> notes.sign(alexSignedIn(), visit,
				new VisitNote.Sections("Better.", "Walks 20 minutes.", "Improving.", "Keep the plan."), 30, 0));
	}
}
