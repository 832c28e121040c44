package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.careteams.internal.PatientChart;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The chart is one query, and who sees what is the care team's rule. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class PatientChartTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final CareTeams careTeams;
	private final CareTeamFixtures fixtures;
	private final PatientChart charts;

	private TenantId clinic;
	private PatientId maya;

	PatientChartTests(ClinicRegistry clinics, ClinicianManagement clinicians, CareTeams careTeams,
			CareTeamFixtures fixtures, PatientChart charts) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.careTeams = careTeams;
		this.fixtures = fixtures;
		this.charts = charts;
	}

	@BeforeEach
	void mayaCaredForByAlexAndRio() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		CurrentTenant.runAs(clinic, () -> {
			clinicians.add("pt.alex", "Alex, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("pt.sam", "Sam, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("coach.rio", "Rio", ClinicianRole.COACH, List.of());
		});
		maya = CurrentTenant.callAs(clinic, () -> fixtures.patient("Maya", "WA"));
		var alex = CurrentTenant.callAs(clinic, () -> clinicians.findByUsername("pt.alex")).orElseThrow();
		var rio = CurrentTenant.callAs(clinic, () -> clinicians.findByUsername("coach.rio")).orElseThrow();
		CurrentTenant.runAs(clinic, () -> careTeams.assign(maya, new CareTeam.Member(alex.id().id(), "pt.alex", "Alex, PT"),
				new CareTeam.Member(rio.id().id(), "coach.rio", "Rio")));
	}

	@Test
	void theCareTeamSeesTheCareTheAdministratorsTheRecordAndNobodyElseAnything() {

		var alex = user("pt.alex", Role.THERAPIST);
		var team = Awaitility.await().atMost(Duration.ofSeconds(10)).until(
				() -> CurrentTenant.callAs(clinic, () -> charts.of(maya, alex, Locale.ENGLISH)),
				chart -> chart.isPresent() && chart.get().thread() != null).orElseThrow();
		assertThat(team.progress()).as("the therapist sees the progress").isNotNull();
		assertThat(team.mayPlan()).isTrue();

		var coach = CurrentTenant.callAs(clinic, () -> charts.of(maya, user("coach.rio", Role.COACH), Locale.ENGLISH));
		assertThat(coach).hasValueSatisfying(it -> {
			assertThat(it.progress()).isNotNull();
			assertThat(it.mayPlan()).as("only the therapist plans").isFalse();
		});

		var admin = CurrentTenant.callAs(clinic, () -> charts.of(maya, user("admin.nora", Role.CLINIC_ADMIN), Locale.ENGLISH));
		assertThat(admin).hasValueSatisfying(it -> {
			assertThat(it.patient().id()).isEqualTo(maya);
			assertThat(it.progress()).as("the care itself is for the care team").isNull();
			assertThat(it.thread()).isNull();
			assertThat(it.mayPlan()).isFalse();
		});

		assertThat(CurrentTenant.callAs(clinic, () -> charts.of(maya, user("pt.sam", Role.THERAPIST), Locale.ENGLISH)))
				.as("a therapist outside the care team").isEmpty();
		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThat(CurrentTenant.callAs(other, () -> charts.of(maya, user("admin.nora", Role.CLINIC_ADMIN), Locale.ENGLISH)))
				.as("another clinic's administrator").isEmpty();
	}

	private StrideUser user(String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}
}
