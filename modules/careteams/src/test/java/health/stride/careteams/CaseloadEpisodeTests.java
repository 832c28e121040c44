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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import health.stride.careteams.internal.CaseloadReason;
import health.stride.careteams.internal.Caseloads;
import health.stride.careteams.internal.EpisodeViews;
import health.stride.careteams.internal.PatientChart;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episodes;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PsfsItem;
import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.patients.PatientStatusChanged;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** A discharged patient leaves the caseload, whatever arrives late, and comes back with a new episode. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class CaseloadEpisodeTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final Caseloads caseloads;
	private final Episodes episodes;
	private final Intakes intakes;
	private final PatientChart charts;
	private final EpisodeViews views;
	private final CareTeamFixtures fixtures;
	private final JdbcClient jdbc;

	private TenantId clinic;
	private StrideUser alex;
	private PatientId maya;

	CaseloadEpisodeTests(ClinicRegistry clinics, ClinicianManagement clinicians, Caseloads caseloads, Episodes episodes,
			Intakes intakes, PatientChart charts, EpisodeViews views, CareTeamFixtures fixtures, JdbcClient jdbc) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.caseloads = caseloads;
		this.episodes = episodes;
		this.intakes = intakes;
		this.charts = charts;
		this.views = views;
		this.fixtures = fixtures;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void mayaOnAlexsCaseload() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		CurrentTenant.runAs(clinic, () -> clinicians.add("pt.alex", "Alex, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		maya = call(() -> fixtures.patient("Maya", "WA"));
		CurrentTenant.runAs(clinic, () -> fixtures.completeIntake(maya));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> total() == 1);
	}

	@Test
	void aDischargedPatientLeavesTheCaseloadAndComesBackWithANewEpisode(Scenario scenario) {

		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> episodes.discharge(maya, Episodes.Discharge.of(DischargeReason.PLATEAU, "No change in 6 weeks"), alex))
				.andWaitForStateChange(this::total, total -> total == 0));

		// a status change announced again after the discharge brings nobody back
		CurrentTenant.runAs(clinic, () -> scenario
				.publish(new PatientStatusChanged(clinic, maya, PatientStatus.ACTIVE, PatientStatus.DISCHARGED))
				.andWaitForStateChange(this::pendingPublications, pending -> pending == 0));
		assertThat(total()).isZero();

		var panel = call(() -> views.panel(charts.open(maya, alex).orElseThrow(), alex, Locale.ENGLISH));
		assertThat(panel.mayReactivate()).isTrue();
		assertThat(panel.mayDischarge()).isFalse();
		assertThat(panel.episodes()).singleElement().satisfies(it -> {
			assertThat(it.reason()).isEqualTo("PLATEAU");
			assertThat(it.closed()).isNotNull();
		});

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> episodes.reactivate(maya, alex))
				.andWaitForStateChange(this::total, total -> total == 1));
		CurrentTenant.runAs(clinic, () -> intakes.submit(maya, new IntakeAnswers(Set.of(PainRegion.LOW_BACK), 4,
				PainDuration.CHRONIC, Set.of(), Set.of(), "Garden again", List.of(new PsfsItem("Gardening", 5)), Set.of())));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call(
				() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).content().get(0).reasons()
				.contains(CaseloadReason.NEEDS_PLAN));
		assertThat(call(() -> views.panel(charts.open(maya, alex).orElseThrow(), alex, Locale.ENGLISH)).episodes())
				.extracting(EpisodeViews.Shown::number).containsExactly(2, 1);
	}

	private long total() {
		return call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).totalElements();
	}

	/** Events whose listeners have not finished yet (the publication registry is not a clinic's). */
	private long pendingPublications() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
	}

	private <T> T call(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}
}
