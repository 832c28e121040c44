package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

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
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Availability;
import health.stride.visits.Availability.DateException;
import health.stride.visits.Availability.WeeklyHours;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/** Availability stored in PostgreSQL and the open slots it leaves, one clinic at a time. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class SchedulesTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private final Schedules schedules;
	private final Hosts hosts;
	private final VisitTypes types;
	private final Visits visits;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;

	private TenantId clinic;
	private UUID alex;
	private StrideUser admin;
	private VisitType followUp;
	/** A Monday a week or two ahead, in the clinician's zone. */
	private LocalDate monday;

	SchedulesTests(Schedules schedules, Hosts hosts, VisitTypes types, Visits visits, PatientDirectory patients,
			CareTeams careTeams, ClinicRegistry clinics) {
		this.schedules = schedules;
		this.hosts = hosts;
		this.types = types;
		this.visits = visits;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
	}

	@BeforeEach
	void aClinicWithATherapist() {
		clinic = clinics.register(TenantId.of("s-" + UUID.randomUUID()), "Clinic").tenant();
		admin = new StrideUser(UUID.randomUUID().toString(), "admin.kim", List.of(clinic), Set.of(Role.CLINIC_ADMIN));
		alex = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> hosts.enlist(alex, "pt.alex", "Alex Morgan, PT", HostKind.THERAPIST));
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == 4);
		followUp = CurrentTenant.callAs(clinic, () -> types.find("follow-up")).orElseThrow();
		monday = LocalDate.now(LOS_ANGELES).plusWeeks(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
	}

	static Availability weekdays(LocalTime starts, LocalTime ends, List<DateException> exceptions, Duration buffer,
			int maxPerDay) {
		return new Availability(LOS_ANGELES, Arrays.stream(DayOfWeek.values()).filter(it -> it.getValue() <= 5)
				.map(day -> new WeeklyHours(day, starts, ends)).toList(), exceptions, buffer, maxPerDay);
	}

	void change(Availability availability) {
		CurrentTenant.runAs(clinic, () -> schedules.change(alex, availability));
	}

	List<LocalDateTime> slots(LocalDate first, LocalDate last) {
		var from = first.atStartOfDay(LOS_ANGELES).toInstant();
		var to = last.plusDays(1).atStartOfDay(LOS_ANGELES).toInstant();
		return CurrentTenant.callAs(clinic, () -> schedules.openSlots(alex, followUp, from, to, from)).stream()
				.map(Slot::startsAt).map(it -> LocalDateTime.ofInstant(it, LOS_ANGELES)).toList();
	}

	PatientId patient(String username) {
		return CurrentTenant.callAs(clinic, () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), username, "Maya", "Okafor",
					LocalDate.of(1986, 4, 12), username + "@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"), null);
			return id;
		});
	}

	@Test
	void aDayOffClosesTheUsualHoursAndExtraHoursOpenASaturday() {

		var saturday = monday.plusDays(5);
		change(weekdays(LocalTime.of(9, 0), LocalTime.of(10, 0),
				List.of(DateException.dayOff(monday), new DateException(saturday, LocalTime.of(10, 0), LocalTime.of(11, 0))),
				Duration.ZERO, 12));

		assertThat(slots(monday, monday)).isEmpty();
		assertThat(slots(monday.plusDays(1), monday.plusDays(1))).containsExactly(monday.plusDays(1).atTime(9, 0),
				monday.plusDays(1).atTime(9, 15), monday.plusDays(1).atTime(9, 30));
		assertThat(slots(saturday, saturday)).containsExactly(saturday.atTime(10, 0), saturday.atTime(10, 15),
				saturday.atTime(10, 30));
		assertThat(slots(saturday.plusDays(1), saturday.plusDays(1))).isEmpty();
	}

	@Test
	void givesBackWhatWasSavedSoThePageCanSaveItAgain() {

		var today = LocalDate.now(LOS_ANGELES);
		var saved = weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0), List.of(DateException.dayOff(today),
				new DateException(monday, LocalTime.of(13, 0), LocalTime.of(14, 0))), Duration.ofMinutes(10), 6);
		change(saved);

		var read = CurrentTenant.callAs(clinic, () -> schedules.of(alex));
		assertThat(read).isEqualTo(saved);
		change(read);
		assertThat(CurrentTenant.callAs(clinic, () -> schedules.of(alex))).isEqualTo(saved);
	}

	@Test
	void keepsTheBufferFreeAfterABookedVisit() {

		change(weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0), List.of(), Duration.ofMinutes(15), 12));
		var maya = patient("patient.maya");
		CurrentTenant.runAs(clinic, () -> visits.book(admin, maya, alex, "follow-up",
				monday.atTime(9, 0).atZone(LOS_ANGELES).toInstant()));

		// the visit holds 09:00 to 09:45 with its buffer; the next one needs its own buffer before 10:00 too
		assertThat(slots(monday, monday)).startsWith(monday.atTime(9, 45)).doesNotContain(monday.atTime(9, 30));
		assertThat(CurrentTenant.callAs(clinic, () -> schedules.check(alex, followUp,
				monday.atTime(9, 30).atZone(LOS_ANGELES).toInstant(), null))).isEqualTo(Schedules.Check.TAKEN);
	}

	@Test
	void offersNoMoreOnADayThatIsFull() {

		change(weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0), List.of(), Duration.ZERO, 1));
		var maya = patient("patient.maya");
		CurrentTenant.runAs(clinic, () -> visits.book(admin, maya, alex, "follow-up",
				monday.atTime(11, 0).atZone(LOS_ANGELES).toInstant()));

		assertThat(slots(monday, monday)).isEmpty();
		assertThat(slots(monday.plusDays(1), monday.plusDays(1))).isNotEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> schedules.check(alex, followUp,
				monday.atTime(9, 0).atZone(LOS_ANGELES).toInstant(), null))).isEqualTo(Schedules.Check.DAY_FULL);
	}

	@Test
	void refusesOverlappingHoursAndKeepsWhatWasThere() {

		var before = weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0), List.of(), Duration.ZERO, 12);
		change(before);

		var overlapping = new Availability(LOS_ANGELES, List.of(new WeeklyHours(DayOfWeek.MONDAY, LocalTime.of(9, 0),
				LocalTime.of(12, 0)), new WeeklyHours(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(13, 0))),
				List.of(), Duration.ZERO, 12);
		assertThatThrownBy(() -> change(overlapping)).isInstanceOfSatisfying(InvalidInput.class,
				it -> assertThat(it.problems()).containsKey("week"));
		var pastDate = weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0),
				List.of(DateException.dayOff(LocalDate.now(LOS_ANGELES).minusDays(3))), Duration.ofHours(3), 41);
		assertThatThrownBy(() -> change(pastDate)).isInstanceOfSatisfying(InvalidInput.class,
				it -> assertThat(it.problems()).containsKeys("exceptions", "buffer", "maxPerDay"));

		assertThat(CurrentTenant.callAs(clinic, () -> schedules.of(alex))).isEqualTo(before);
	}

	@Test
	void aClinicianWhoLeftOffersNothing() {

		change(weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0), List.of(), Duration.ZERO, 12));
		assertThat(slots(monday, monday)).isNotEmpty();

		CurrentTenant.runAs(clinic, () -> hosts.withdraw(alex));

		assertThat(slots(monday, monday.plusDays(6))).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> schedules.check(alex, followUp,
				monday.atTime(9, 0).atZone(LOS_ANGELES).toInstant(), null))).isEqualTo(Schedules.Check.OUTSIDE_HOURS);
	}

	@Test
	void anotherClinicsClinicianIsNotFound() {

		change(weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0), List.of(), Duration.ZERO, 12));
		var elsewhere = clinics.register(TenantId.of("s-" + UUID.randomUUID()), "Elsewhere").tenant();
		var from = monday.atStartOfDay(LOS_ANGELES).toInstant();

		assertThatThrownBy(() -> CurrentTenant.runAs(elsewhere, () -> schedules.of(alex))).isInstanceOf(Visits.NotFound.class);
		assertThatThrownBy(() -> CurrentTenant.runAs(elsewhere,
				() -> schedules.openSlots(alex, followUp, from, from.plus(Duration.ofDays(1)), from)))
				.isInstanceOf(Visits.NotFound.class);
		assertThatThrownBy(() -> CurrentTenant.runAs(elsewhere, () -> schedules.change(alex,
				weekdays(LocalTime.of(8, 0), LocalTime.of(9, 0), List.of(), Duration.ZERO, 12))))
				.isInstanceOf(Visits.NotFound.class);
		assertThat(CurrentTenant.callAs(clinic, () -> schedules.of(alex)).week()).allMatch(it -> it.starts().getHour() == 9);
	}

	@Test
	void makesSlotsOnTheClockOfTheClinicianAcrossTheChangeOfHourInTheDatabaseToo() {

		change(new Availability(LOS_ANGELES, Arrays.stream(DayOfWeek.values())
				.map(day -> new WeeklyHours(day, LocalTime.of(0, 0), LocalTime.of(4, 0))).toList(), List.of(), Duration.ZERO, 40));

		var spring = slots(LocalDate.of(2027, 3, 14), LocalDate.of(2027, 3, 14));
		assertThat(spring).noneMatch(it -> it.getHour() == 2).hasSize(11);
		var fall = slots(LocalDate.of(2027, 11, 7), LocalDate.of(2027, 11, 7));
		assertThat(fall).doesNotHaveDuplicates().filteredOn(it -> it.getHour() == 1).hasSize(4);
	}
}
