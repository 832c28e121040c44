package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;
import health.stride.visits.VisitTypes;
import health.stride.visits.VisitsFixtures;
import health.stride.visits.Visits;

/** One slot, many bookers: exactly one gets it, whatever the application checked before. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class VisitBookingTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private final Visits visits;
	private final Schedules schedules;
	private final Hosts hosts;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private CareTeam.Member alex;
	private StrideUser admin;

	VisitBookingTests(Visits visits, Schedules schedules, Hosts hosts, VisitTypes types, PatientDirectory patients,
			CareTeams careTeams, ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(transactions);
		this.visits = visits;
		this.schedules = schedules;
		this.hosts = hosts;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void aClinicWithATherapistWhoWorksEveryDay() {
		clinic = VisitsFixtures.clinic(clinics, types, "Clinic");
		admin = VisitsFixtures.user(clinic, "admin.kim", Role.CLINIC_ADMIN);
		alex = CurrentTenant.callAs(clinic, () -> VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.alex",
				"Alex Morgan, PT", HostKind.THERAPIST, LOS_ANGELES, Duration.ofMinutes(10)));
	}

	PatientId patient(String username) {
		return CurrentTenant.callAs(clinic,
				() -> VisitsFixtures.patient(patients, careTeams, username, username + "@example.org", alex, null));
	}

	Slot tomorrowsFirstSlot() {
		var tomorrow = LocalDate.now(LOS_ANGELES).plusDays(1).atStartOfDay(LOS_ANGELES).toInstant();
		var followUp = CurrentTenant.callAs(clinic, () -> types.find("follow-up")).orElseThrow();
		return CurrentTenant.callAs(clinic, () -> schedules.openSlots(alex.clinicianId(), followUp, tomorrow,
				tomorrow.plus(Duration.ofDays(1)), Instant.now())).getFirst();
	}

	@Test
	void sixtyFourBookersOfOneSlotGiveOneVisit() throws Exception {

		var bookers = new ArrayList<PatientId>();
		for (int i = 0; i < 64; i++) {
			bookers.add(patient("patient.p" + i));
		}
		var slot = tomorrowsFirstSlot();
		var start = new CountDownLatch(1);
		var answers = new ArrayList<java.util.concurrent.Future<String>>();
		try (var pool = Executors.newFixedThreadPool(64)) {
			for (var patient : bookers) {
				answers.add(pool.submit((Callable<String>) () -> {
					start.await();
					try {
						CurrentTenant.callAs(clinic, () -> visits.book(admin, patient, alex.clinicianId(), "follow-up", slot.startsAt()));
						return "201";
					} catch (Visits.SlotTaken taken) {
						return "409";
					}
				}));
			}
			start.countDown();
			var codes = new ArrayList<String>();
			for (var answer : answers) {
				codes.add(answer.get());
			}
			assertThat(codes).filteredOn("201"::equals).hasSize(1);
			assertThat(codes).filteredOn("409"::equals).hasSize(63);
		}
		Long booked = CurrentTenant.callAs(clinic, () -> transaction.execute(status -> jdbc
				.sql("select count(*) from visits.visit where status = 'BOOKED'").query(Long.class).single()));
		assertThat(booked).isEqualTo(1L);
	}

	@Test
	void theDatabaseRefusesAnOverlapTheApplicationDidNotSee() {

		var maya = patient("patient.maya");
		var ruth = patient("patient.ruth");
		var slot = tomorrowsFirstSlot();
		CurrentTenant.runAs(clinic, () -> visits.book(admin, maya, alex.clinicianId(), "follow-up", slot.startsAt()));

		// straight into the table, as a second node with a stale view would: the buffer counts too
		assertThatThrownBy(() -> CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status, booked_by, booked_at)
				values (gen_random_uuid(), ?, ?, 'follow-up', ?, ?, ?, 'BOOKED', 'x', now())""")
				.params(ruth.id(), alex.clinicianId(), java.sql.Timestamp.from(slot.endsAt().plusSeconds(300)),
						java.sql.Timestamp.from(slot.endsAt().plusSeconds(2100)),
						java.sql.Timestamp.from(slot.endsAt().plusSeconds(2100)))
				.update())))
				.hasMessageContaining("visit_host_free");
	}
}
