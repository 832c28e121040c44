package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitId;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.Visits.VisitQuery;
import health.stride.visits.VisitsFixtures;

/** Visits listed for readers outside the visit pages: by patient, start and status, a page at a time, one clinic's only. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class VisitSearchTests {

	private final Visits visits;
	private final Hosts hosts;
	private final Schedules schedules;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private TenantId otherClinic;
	private PatientId maya;
	private PatientId leo;
	private Instant monday;
	private VisitId mayasFirst, mayasSecond, mayasThird, leos;

	VisitSearchTests(Visits visits, Hosts hosts, Schedules schedules, VisitTypes types, PatientDirectory patients,
			CareTeams careTeams, ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.visits = visits;
		this.hosts = hosts;
		this.schedules = schedules;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void visitsOfTwoPatients() {
		clinic = VisitsFixtures.clinic(clinics, types, "Clinic");
		otherClinic = VisitsFixtures.clinic(clinics, types, "Other");
		monday = Instant.parse("2026-03-02T17:00:00Z");
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> {
			var alex = VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.alex", "Alex Morgan, PT", HostKind.THERAPIST,
					ZoneId.of("America/Los_Angeles"), Duration.ZERO);
			maya = VisitsFixtures.patient(patients, careTeams, "patient.maya", "maya@example.org", alex, null);
			leo = VisitsFixtures.patient(patients, careTeams, "patient.leo", "leo@example.org", alex, null);
			mayasFirst = VisitsFixtures.inTable(jdbc, maya, alex.clinicianId(), monday, "COMPLETED");
			mayasSecond = VisitsFixtures.inTable(jdbc, maya, alex.clinicianId(), monday.plus(7, ChronoUnit.DAYS), "MISSED");
			mayasThird = VisitsFixtures.inTable(jdbc, maya, alex.clinicianId(), monday.plus(14, ChronoUnit.DAYS), "CANCELLED");
			leos = VisitsFixtures.inTable(jdbc, leo, alex.clinicianId(), monday.plus(1, ChronoUnit.DAYS), "BOOKED");
		}));
	}

	@Test
	void listsAPatientsVisitsLatestFirstAPageAtATime() {

		assertThat(ids(new VisitQuery(List.of(maya), null, null, Set.of(), true, 0, 2))).containsExactly(mayasThird,
				mayasSecond);
		assertThat(ids(new VisitQuery(List.of(maya), null, null, Set.of(), true, 2, 2))).containsExactly(mayasFirst);
		assertThat(ids(new VisitQuery(List.of(maya), null, null, Set.of(), false, 0, 10))).containsExactly(mayasFirst,
				mayasSecond, mayasThird);
		assertThat(ids(new VisitQuery(null, null, null, Set.of(), false, 0, 10))).containsExactly(mayasFirst, leos,
				mayasSecond, mayasThird);
		assertThat(ids(new VisitQuery(List.of(), null, null, Set.of(), false, 0, 10))).isEmpty();
	}

	@Test
	void narrowsByStartAndStatusAndShowsNoOtherClinicsVisits() {

		assertThat(ids(new VisitQuery(null, monday.plus(1, ChronoUnit.DAYS), monday.plus(14, ChronoUnit.DAYS), Set.of(),
				false, 0, 10))).containsExactly(leos, mayasSecond);
		assertThat(ids(new VisitQuery(null, null, null, Set.of(VisitStatus.COMPLETED, VisitStatus.BOOKED), false, 0, 10)))
				.containsExactly(mayasFirst, leos);
		assertThat(CurrentTenant.callAs(otherClinic, () -> visits.search(new VisitQuery(null, null, null, Set.of(), true,
				0, 10)))).isEmpty();
	}

	@Test
	void refusesAPageOutOfBounds() {
		assertThatIllegalArgumentException().isThrownBy(() -> new VisitQuery(null, null, null, Set.of(), true, -1, 10));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new VisitQuery(null, null, null, Set.of(), true, 0, VisitQuery.MAX_LIMIT + 1));
	}

	private List<VisitId> ids(VisitQuery query) {
		return CurrentTenant.callAs(clinic, () -> visits.search(query)).stream().map(it -> it.id()).toList();
	}
}
