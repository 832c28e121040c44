package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episodes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PortalAccess;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Availability;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;
import health.stride.visits.Visit;
import health.stride.visits.VisitBooked;
import health.stride.visits.VisitCancelled;
import health.stride.visits.VisitId;
import health.stride.visits.VisitRescheduled;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.VisitsFixtures;

/**
 * Every rule of booking, moving and cancelling, against the real database: who may book with whom,
 * which kinds, how far ahead, the clinician's hours, buffer and daily limit, one visit at a time for
 * a patient, and the clinic's notice period.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class BookingRulesTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private final Visits visits;
	private final Schedules schedules;
	private final Hosts hosts;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Episodes episodes;
	private final ClinicRegistry clinics;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
	private final org.springframework.transaction.support.TransactionTemplate transaction;

	private TenantId clinic;
	private UUID alex, sam, rio;
	private StrideUser admin, ptAlex, ptSam, coachRio;

	BookingRulesTests(Visits visits, Schedules schedules, Hosts hosts, VisitTypes types, PatientDirectory patients,
			CareTeams careTeams, Episodes episodes, ClinicRegistry clinics, org.springframework.jdbc.core.simple.JdbcClient jdbc,
			org.springframework.transaction.PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
		this.visits = visits;
		this.schedules = schedules;
		this.hosts = hosts;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.episodes = episodes;
		this.clinics = clinics;
	}

	@BeforeEach
	void aClinicWithTwoTherapistsAndACoachWhoWorkEveryDay() {
		clinic = clinics.register(TenantId.of("r-" + UUID.randomUUID()), "Clinic").tenant();
		admin = staff("admin.kim", Role.CLINIC_ADMIN);
		ptAlex = staff("pt.alex", Role.THERAPIST);
		ptSam = staff("pt.sam", Role.THERAPIST);
		coachRio = staff("coach.rio", Role.COACH);
		alex = UUID.randomUUID();
		sam = UUID.randomUUID();
		rio = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> {
			hosts.enlist(alex, "pt.alex", "Alex Morgan, PT", HostKind.THERAPIST);
			hosts.enlist(sam, "pt.sam", "Sam Patel, PT", HostKind.THERAPIST);
			hosts.enlist(rio, "coach.rio", "Rio Santos", HostKind.COACH);
			for (var host : List.of(alex, sam, rio)) {
				schedules.change(host, everyDay(LocalTime.of(8, 0), LocalTime.of(18, 0), Duration.ofMinutes(10), 12));
			}
		});
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == 4);
	}

	static Availability everyDay(LocalTime starts, LocalTime ends, Duration buffer, int maxPerDay) {
		return new Availability(LOS_ANGELES, Arrays.stream(DayOfWeek.values())
				.map(day -> new Availability.WeeklyHours(day, starts, ends)).toList(), List.of(), buffer, maxPerDay);
	}

	StrideUser staff(String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}

	StrideUser patientUser(String username) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(Role.PATIENT));
	}

	/** A patient cared for by Alex and Rio. */
	PatientId patient(String username) {
		return patient(username, new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"),
				new CareTeam.Member(rio, "coach.rio", "Rio Santos"));
	}

	PatientId patient(String username, CareTeam.Member therapist, CareTeam.Member coach) {
		return CurrentTenant.callAs(clinic,
				() -> VisitsFixtures.patient(patients, careTeams, username, username + "@example.org", therapist, coach));
	}

	/** The open slots of a kind with a clinician on a day from tomorrow, in their zone. */
	List<Slot> slots(UUID host, String type, int daysFromNow) {
		var day = LocalDate.now(LOS_ANGELES).plusDays(daysFromNow).atStartOfDay(LOS_ANGELES).toInstant();
		return CurrentTenant.callAs(clinic, () -> schedules.openSlots(host, types.find(type).orElseThrow(), day,
				day.plus(Duration.ofDays(1)), Instant.now()));
	}

	Instant tomorrowAt(int hour, int minute) {
		return LocalDate.now(LOS_ANGELES).plusDays(1).atTime(hour, minute).atZone(LOS_ANGELES).toInstant();
	}

	VisitId book(StrideUser by, PatientId patient, UUID host, String type, Instant startsAt) {
		return CurrentTenant.callAs(clinic, () -> visits.book(by, patient, host, type, startsAt));
	}

	Visit visit(VisitId id) {
		return CurrentTenant.callAs(clinic, () -> visits.find(id)).orElseThrow();
	}

	static InvalidInput invalid(Runnable attempt) {
		return catchThrowableOfType(InvalidInput.class, attempt::run);
	}

	// --- who books with whom

	@Test
	void aPatientBooksAFollowUpWithTheirTherapistAndTheBookingIsAnnouncedWithIdsAndTimes(PublishedEvents events) {

		var maya = patient("patient.maya");
		var at = tomorrowAt(9, 0);

		var id = book(patientUser("patient.maya"), maya, alex, "follow-up", at);

		var visit = visit(id);
		assertThat(visit.status()).isEqualTo(VisitStatus.BOOKED);
		assertThat(visit.patient()).isEqualTo(maya);
		assertThat(visit.clinicianId()).isEqualTo(alex);
		assertThat(visit.startsAt()).isEqualTo(at);
		assertThat(visit.endsAt()).isEqualTo(at.plus(Duration.ofMinutes(30)));
		assertThat(visit.bookedBy()).isEqualTo("patient.maya");
		assertThat(CurrentTenant.callAs(clinic, () -> visits.ofPatient(maya))).extracting(Visit::id).containsExactly(id);
		assertThat(events.ofType(VisitBooked.class).matching(it -> it.visit().equals(id))).singleElement()
				.isEqualTo(new VisitBooked(clinic, id, maya, alex, at, at.plus(Duration.ofMinutes(30))));
	}

	@Test
	void aPatientBooksACoachingCallWithTheirCoach() {

		var maya = patient("patient.maya");

		var id = book(patientUser("patient.maya"), maya, rio, "coaching-call", tomorrowAt(10, 0));

		assertThat(visit(id).endsAt()).isEqualTo(tomorrowAt(10, 15));
	}

	@Test
	void aPatientCannotBookWithAClinicianOutsideTheirCareTeamNorForSomeoneElse() {

		var maya = patient("patient.maya");
		var ruth = patient("patient.ruth");
		var asMaya = patientUser("patient.maya");

		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> book(asMaya, maya, sam, "follow-up", tomorrowAt(9, 0)));
		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> book(asMaya, ruth, alex, "follow-up", tomorrowAt(9, 0)));
		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> book(asMaya, maya, UUID.randomUUID(), "follow-up", tomorrowAt(9, 0)));
		assertThat(CurrentTenant.callAs(clinic, () -> visits.ofPatient(maya))).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> visits.ofPatient(ruth))).isEmpty();
	}

	@Test
	void aPatientBooksOnlyTheKindsPatientsMayBookThemselves() {

		var maya = patient("patient.maya");

		var refused = invalid(() -> book(patientUser("patient.maya"), maya, alex, "initial-evaluation", tomorrowAt(9, 0)));

		assertThat(refused.problems()).containsOnlyKeys("type");
		assertThat(refused.problems().get("type").getCodes()).contains("visits.booking.not-self-bookable");
	}

	@Test
	void staffOfTheCareTeamAndTheClinicsAdministratorsBookForAPatientAnyKindWithAnyClinician() {

		var maya = patient("patient.maya");

		var byAdmin = book(admin, maya, sam, "initial-evaluation", tomorrowAt(9, 0));
		var byTherapist = book(ptAlex, maya, alex, "re-evaluation", tomorrowAt(11, 0));
		var byCoach = book(coachRio, maya, rio, "coaching-call", tomorrowAt(13, 0));

		assertThat(List.of(byAdmin, byTherapist, byCoach)).map(this::visit).extracting(Visit::bookedBy)
				.containsExactly("admin.kim", "pt.alex", "coach.rio");
	}

	@Test
	void aClinicianOutsideThePatientsCareTeamIsToldThePatientDoesNotExist() {

		var maya = patient("patient.maya");

		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> book(ptSam, maya, sam, "follow-up", tomorrowAt(9, 0)));
		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> book(admin, new PatientId(UUID.randomUUID()), sam, "follow-up", tomorrowAt(9, 0)));
	}

	@Test
	void aKindIsHeldOnlyByItsKindOfClinicianAndAnUnknownKindIsRefused() {

		var maya = patient("patient.maya");

		var coachForFollowUp = invalid(() -> book(admin, maya, rio, "follow-up", tomorrowAt(9, 0)));
		var therapistForCoaching = invalid(() -> book(admin, maya, alex, "coaching-call", tomorrowAt(9, 0)));
		var unknown = invalid(() -> book(admin, maya, alex, "massage", tomorrowAt(9, 0)));

		assertThat(coachForFollowUp.problems().get("type").getCodes()).contains("visits.booking.not-held-by-clinician");
		assertThat(therapistForCoaching.problems().get("type").getCodes()).contains("visits.booking.not-held-by-clinician");
		assertThat(unknown.problems().get("type").getCodes()).contains("visits.booking.unknown-type");
	}

	@Test
	void aDischargedPatientCannotBook() {

		var maya = patient("patient.maya");
		CurrentTenant.runAs(clinic, () -> episodes.discharge(maya,
				Episodes.Discharge.of(DischargeReason.GOALS_MET, "Back to running."), ptAlex));

		assertThatExceptionOfType(PortalAccess.ReadOnly.class)
				.isThrownBy(() -> book(patientUser("patient.maya"), maya, alex, "follow-up", tomorrowAt(9, 0)));
		assertThat(CurrentTenant.callAs(clinic, () -> visits.ofPatient(maya))).isEmpty();
	}

	// --- when

	@Test
	void aPatientBooksAtLeastTwoHoursAheadStaffAnyTimeInTheFutureAndNobodyMoreThanSixtyDaysAhead() {

		var maya = patient("patient.maya");
		// in a zone where it is about noon now, so the next hours are working hours whenever the test runs
		var noon = java.time.ZoneOffset.ofHours(Math.floorMod(12 - java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
				.getHour() + 11, 24) - 11);
		CurrentTenant.runAs(clinic, () -> schedules.change(alex, new Availability(noon, Arrays.stream(DayOfWeek.values())
				.map(day -> new Availability.WeeklyHours(day, LocalTime.of(4, 0), LocalTime.of(20, 0))).toList(), List.of(),
				Duration.ZERO, 40)));
		var inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(30));
		var asMaya = patientUser("patient.maya");

		assertThat(invalid(() -> book(asMaya, maya, alex, "follow-up", inAnHour)).problems().get("startsAt").getCodes())
				.contains("visits.booking.too-soon");
		assertThat(invalid(() -> book(admin, maya, alex, "follow-up", Instant.now().minus(Duration.ofHours(1))
				.truncatedTo(ChronoUnit.HOURS))).problems().get("startsAt").getCodes()).contains("visits.booking.in-the-past");
		var tooFar = Instant.now().plus(Duration.ofDays(61)).truncatedTo(ChronoUnit.HOURS);
		assertThat(invalid(() -> book(admin, maya, alex, "follow-up", tooFar)).problems().get("startsAt").getCodes())
				.contains("visits.booking.too-far");

		var id = book(admin, maya, alex, "follow-up", inAnHour);
		assertThat(visit(id).startsAt()).isEqualTo(inAnHour);
		var farthest = Instant.now().plus(Duration.ofDays(59)).truncatedTo(ChronoUnit.HOURS);
		assertThat(visit(book(asMaya, maya, alex, "follow-up", farthest)).startsAt()).isEqualTo(farthest);
	}

	@Test
	void aTimeOutsideTheClinicianHoursOrOffTheirGridIsAFieldError() {

		var maya = patient("patient.maya");

		for (var at : List.of(tomorrowAt(7, 0), tomorrowAt(17, 45), tomorrowAt(9, 5), tomorrowAt(9, 0).plusMillis(1))) {
			assertThat(invalid(() -> book(admin, maya, alex, "follow-up", at)).problems().get("startsAt").getCodes())
					.as("at %s", at).contains("visits.booking.outside-hours");
		}
		assertThat(CurrentTenant.callAs(clinic, () -> visits.ofPatient(maya))).isEmpty();
	}

	@Test
	void aTakenTimeAndTheBufferAfterAVisitAreRefusedAsTaken() {

		var maya = patient("patient.maya");
		var ruth = patient("patient.ruth");
		book(admin, maya, alex, "follow-up", tomorrowAt(9, 0));

		// 9:00 to 9:30 and 10 minutes' buffer: 9:15 and 9:30 are taken, 9:45 is free
		assertThatExceptionOfType(Visits.SlotTaken.class)
				.isThrownBy(() -> book(admin, ruth, alex, "follow-up", tomorrowAt(9, 0)));
		assertThatExceptionOfType(Visits.SlotTaken.class)
				.isThrownBy(() -> book(admin, ruth, alex, "follow-up", tomorrowAt(9, 30)));
		assertThatExceptionOfType(Visits.SlotTaken.class)
				.isThrownBy(() -> book(admin, ruth, alex, "follow-up", tomorrowAt(8, 30)));
		assertThat(visit(book(admin, ruth, alex, "follow-up", tomorrowAt(9, 45))).startsAt()).isEqualTo(tomorrowAt(9, 45));
		assertThat(slots(alex, "follow-up", 1)).extracting(Slot::startsAt)
				.doesNotContain(tomorrowAt(9, 0), tomorrowAt(9, 30), tomorrowAt(9, 45));
	}

	@Test
	void aFullDayIsRefusedAsTaken() {

		CurrentTenant.runAs(clinic,
				() -> schedules.change(alex, everyDay(LocalTime.of(8, 0), LocalTime.of(18, 0), Duration.ZERO, 2)));
		var maya = patient("patient.maya");
		var ruth = patient("patient.ruth");
		var leo = patient("patient.leo");
		book(admin, maya, alex, "follow-up", tomorrowAt(9, 0));
		book(admin, ruth, alex, "follow-up", tomorrowAt(11, 0));

		assertThatExceptionOfType(Visits.SlotTaken.class)
				.isThrownBy(() -> book(admin, leo, alex, "follow-up", tomorrowAt(14, 0)));
		assertThat(slots(alex, "follow-up", 1)).isEmpty();
		assertThat(slots(alex, "follow-up", 2)).isNotEmpty();
	}

	@Test
	void aPatientCannotHaveTwoVisitsAtOnceWithTwoClinicians() {

		var maya = patient("patient.maya");
		book(admin, maya, alex, "follow-up", tomorrowAt(9, 0));

		assertThatExceptionOfType(Visits.SlotTaken.class)
				.isThrownBy(() -> book(admin, maya, rio, "coaching-call", tomorrowAt(9, 15)));
		assertThatExceptionOfType(Visits.SlotTaken.class)
				.isThrownBy(() -> book(admin, maya, sam, "initial-evaluation", tomorrowAt(8, 30)));
		assertThat(visit(book(admin, maya, rio, "coaching-call", tomorrowAt(9, 30))).startsAt()).isEqualTo(tomorrowAt(9, 30));
	}

	@Test
	void twoBookingsForOnePatientWithTwoCliniciansAtOnceGiveOneVisit() throws Exception {

		for (var round = 0; round < 5; round++) {
			var maya = patient("patient.maya" + round);
			var at = tomorrowAt(9 + round, 0);
			var start = new CountDownLatch(1);
			var answers = new ArrayList<Future<String>>();
			try (var pool = Executors.newFixedThreadPool(2)) {
				for (var host : List.of(alex, sam)) {
					answers.add(pool.submit((Callable<String>) () -> {
						start.await();
						try {
							book(admin, maya, host, "follow-up", at);
							return "booked";
						} catch (Visits.SlotTaken taken) {
							return "taken";
						}
					}));
				}
				start.countDown();
				var outcomes = new ArrayList<String>();
				for (var answer : answers) {
					outcomes.add(answer.get());
				}
				assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder("booked", "taken");
			}
			assertThat(CurrentTenant.callAs(clinic, () -> visits.ofPatient(maya))).hasSize(1);
		}
	}

	@Test
	void theDatabaseRefusesAPatientsSecondVisitAtOnceThatTheApplicationDidNotSee() {

		var maya = patient("patient.maya");
		book(admin, maya, alex, "follow-up", tomorrowAt(9, 0));

		// straight into the table with another clinician, as a second node with a stale view would
		assertThatThrownBy(() -> CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status, booked_by, booked_at)
				values (gen_random_uuid(), ?, ?, 'follow-up', ?, ?, ?, 'BOOKED', 'x', now())""")
				.params(maya.id(), sam, java.sql.Timestamp.from(tomorrowAt(9, 15)), java.sql.Timestamp.from(tomorrowAt(9, 45)),
						java.sql.Timestamp.from(tomorrowAt(9, 45)))
				.update())))
				.hasMessageContaining("visit_patient_free");
	}

	// --- moving

	@Test
	void aRescheduledVisitFollowsTheSameRulesMayStayWhereItWasAndIsCounted(PublishedEvents events) {

		var maya = patient("patient.maya");
		var ruth = patient("patient.ruth");
		var asMaya = patientUser("patient.maya");
		var id = book(asMaya, maya, alex, "follow-up", tomorrowAt(9, 0));
		book(admin, ruth, alex, "follow-up", tomorrowAt(11, 0));

		CurrentTenant.runAs(clinic, () -> visits.reschedule(asMaya, id, tomorrowAt(9, 15)));
		assertThat(visit(id)).extracting(Visit::startsAt, Visit::endsAt, Visit::rescheduled)
				.containsExactly(tomorrowAt(9, 15), tomorrowAt(9, 45), 1);

		// onto its own old time, which its buffer overlaps
		CurrentTenant.runAs(clinic, () -> visits.reschedule(asMaya, id, tomorrowAt(9, 0)));
		assertThat(visit(id)).extracting(Visit::startsAt, Visit::rescheduled).containsExactly(tomorrowAt(9, 0), 2);

		assertThatExceptionOfType(Visits.SlotTaken.class)
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> visits.reschedule(asMaya, id, tomorrowAt(11, 15))));
		assertThat(invalid(() -> CurrentTenant.runAs(clinic, () -> visits.reschedule(asMaya, id, tomorrowAt(19, 0))))
				.problems().get("startsAt").getCodes()).contains("visits.booking.outside-hours");
		assertThat(invalid(() -> CurrentTenant.runAs(clinic,
				() -> visits.reschedule(asMaya, id, Instant.now().plus(Duration.ofDays(61)).truncatedTo(ChronoUnit.HOURS))))
				.problems().get("startsAt").getCodes()).contains("visits.booking.too-far");
		assertThat(visit(id)).extracting(Visit::startsAt, Visit::rescheduled).containsExactly(tomorrowAt(9, 0), 2);
		assertThat(events.ofType(VisitRescheduled.class).matching(it -> it.visit().equals(id))).hasSize(2)
				.last().isEqualTo(new VisitRescheduled(clinic, id, maya, alex, tomorrowAt(9, 15), tomorrowAt(9, 0),
						tomorrowAt(9, 30)));
	}

	@Test
	void aVisitIsNotMovedOntoAnotherOfThePatientsVisits() {

		var maya = patient("patient.maya");
		var withAlex = book(admin, maya, alex, "follow-up", tomorrowAt(9, 0));
		book(admin, maya, rio, "coaching-call", tomorrowAt(10, 0));

		assertThatExceptionOfType(Visits.SlotTaken.class)
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> visits.reschedule(admin, withAlex, tomorrowAt(9, 45))));
		assertThat(visit(withAlex).startsAt()).isEqualTo(tomorrowAt(9, 0));
	}

	// --- cancelling

	@Test
	void cancellingTwiceChangesNothingAndACancelledVisitCannotBeMoved(PublishedEvents events) {

		var maya = patient("patient.maya");
		var asMaya = patientUser("patient.maya");
		var id = book(asMaya, maya, alex, "follow-up", tomorrowAt(9, 0));

		CurrentTenant.runAs(clinic, () -> visits.cancel(asMaya, id, "  Feeling much better  "));
		CurrentTenant.runAs(clinic, () -> visits.cancel(asMaya, id, null));

		var cancelled = visit(id);
		assertThat(cancelled.status()).isEqualTo(VisitStatus.CANCELLED);
		assertThat(cancelled.cancelledBy()).isEqualTo("patient.maya");
		assertThat(cancelled.cancelledAt()).isNotNull();
		assertThat(events.ofType(VisitCancelled.class).matching(it -> it.visit().equals(id))).hasSize(1);
		assertThatExceptionOfType(Visits.NotBooked.class)
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> visits.reschedule(asMaya, id, tomorrowAt(10, 0))));
		// the time is free again
		assertThat(visit(book(admin, patient("patient.ruth"), alex, "follow-up", tomorrowAt(9, 0))).isBooked()).isTrue();
	}

	@Test
	void aCancellationReasonIsCheckedBeforeAnythingChanges() {

		var maya = patient("patient.maya");
		var id = book(admin, maya, alex, "follow-up", tomorrowAt(9, 0));

		for (var reason : List.of("x".repeat(501), "before\u0000after")) {
			assertThat(invalid(() -> CurrentTenant.runAs(clinic, () -> visits.cancel(admin, id, reason))).problems())
					.containsOnlyKeys("reason");
		}
		assertThat(visit(id).isBooked()).isTrue();
	}

	@Test
	void aPatientsChangeWithinTheNoticePeriodIsLateAClinicianIsNever(PublishedEvents events) {

		var maya = patient("patient.maya");
		var asMaya = patientUser("patient.maya");
		CurrentTenant.runAs(clinic, () -> types.changeNoticePeriod(Duration.ofDays(14)));

		var movedByAlex = book(asMaya, maya, alex, "follow-up", tomorrowAt(9, 0));
		CurrentTenant.runAs(clinic, () -> visits.reschedule(ptAlex, movedByAlex, tomorrowAt(10, 0)));
		CurrentTenant.runAs(clinic, () -> visits.cancel(ptAlex, movedByAlex, null));
		var movedByMaya = book(asMaya, maya, alex, "follow-up", tomorrowAt(12, 0));
		CurrentTenant.runAs(clinic, () -> visits.reschedule(asMaya, movedByMaya, tomorrowAt(13, 0)));
		var cancelledByMaya = book(asMaya, maya, alex, "follow-up", tomorrowAt(15, 0));
		CurrentTenant.runAs(clinic, () -> visits.cancel(asMaya, cancelledByMaya, null));

		assertThat(visit(movedByAlex).late()).isFalse();
		assertThat(visit(movedByMaya).late()).isTrue();
		assertThat(visit(cancelledByMaya).late()).isTrue();
		assertThat(events.ofType(VisitCancelled.class).matching(it -> it.visit().equals(movedByAlex))).singleElement()
				.extracting(VisitCancelled::timing).isEqualTo(VisitCancelled.Timing.IN_TIME);
		assertThat(events.ofType(VisitCancelled.class).matching(it -> it.visit().equals(cancelledByMaya))).singleElement()
				.extracting(VisitCancelled::timing).isEqualTo(VisitCancelled.Timing.LATE);

		// with no notice asked for, the patient's change is in time
		CurrentTenant.runAs(clinic, () -> types.changeNoticePeriod(Duration.ZERO));
		var inTime = book(asMaya, maya, alex, "follow-up", tomorrowAt(16, 0));
		CurrentTenant.runAs(clinic, () -> visits.cancel(asMaya, inTime, null));
		assertThat(visit(inTime).late()).isFalse();
	}

	// --- who sees what

	@Test
	void onlyThoseWhoTakePartFindAVisitAndOthersCannotChangeIt() {

		var maya = patient("patient.maya");
		var id = book(admin, maya, alex, "follow-up", tomorrowAt(9, 0));

		for (var reader : List.of(patientUser("patient.maya"), ptAlex, coachRio, admin)) {
			assertThat(CurrentTenant.callAs(clinic, () -> visits.find(reader, id))).as(reader.username()).isPresent();
		}
		for (var stranger : List.of(patientUser("patient.ruth"), ptSam)) {
			assertThat(CurrentTenant.callAs(clinic, () -> visits.find(stranger, id))).as(stranger.username()).isEmpty();
			assertThatExceptionOfType(Visits.NotFound.class)
					.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> visits.cancel(stranger, id, null)));
			assertThatExceptionOfType(Visits.NotFound.class)
					.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> visits.reschedule(stranger, id, tomorrowAt(10, 0))));
		}
		assertThat(visit(id).isBooked()).isTrue();
	}

	@Test
	void anotherClinicsVisitDoesNotExist() {

		var maya = patient("patient.maya");
		var id = book(admin, maya, alex, "follow-up", tomorrowAt(9, 0));
		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		var otherAdmin = new StrideUser(UUID.randomUUID().toString(), "admin.kim", List.of(other), Set.of(Role.CLINIC_ADMIN));

		assertThat(CurrentTenant.callAs(other, () -> visits.find(otherAdmin, id))).isEmpty();
		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> CurrentTenant.runAs(other, () -> visits.cancel(otherAdmin, id, null)));
		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> CurrentTenant.runAs(other, () -> visits.book(otherAdmin, maya, alex, "follow-up",
						tomorrowAt(10, 0))));
		assertThat(visit(id).isBooked()).isTrue();
	}
}
