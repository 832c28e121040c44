package health.stride.app;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianSummary;
import health.stride.eligibility.RosterImportReport;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorManagement;
import health.stride.patients.CareTeams;
import health.stride.patients.Consents;
import health.stride.patients.Intakes;
import health.stride.patients.Episodes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientStatus;
import health.stride.patients.RedFlags;
import health.stride.careteams.internal.CaseloadReason;
import health.stride.careteams.internal.Caseloads;
import health.stride.messaging.Threads;
import health.stride.programs.Plans;
import health.stride.programs.Sessions;
import health.stride.programs.ProgramTemplates;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;

@SpringBootTest
@AutoConfigureMockMvc // unused here, but the same application context as the MockMvc tests', not one more
class DemoDataTests {

	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired SponsorManagement sponsors;
	@Autowired RosterImports rosters;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired Consents consents;
	@Autowired Intakes intakes;
	@Autowired RedFlags redFlags;
	@Autowired ProgramTemplates templates;
	@Autowired Plans plans;
	@Autowired Sessions sessions;
	@Autowired Threads threads;
	@Autowired Caseloads caseloads;
	@Autowired Episodes episodes;
	@Autowired health.stride.careteams.internal.RemoteMonitoring monitoring;
	@Autowired Hosts hosts;
	@Autowired Schedules schedules;
	@Autowired health.stride.patients.Screenings screenings;
	@Autowired health.stride.programs.Lessons lessons;
	@Autowired health.stride.visits.Visits visits;
	@Autowired health.stride.visits.VisitTypes visitTypes;
	@Autowired org.springframework.context.ApplicationEventPublisher events;
	@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
	@Autowired org.springframework.transaction.PlatformTransactionManager transactions;

	@Test
	void seedsTheContractsClinicsAndCliniciansOnceHoweverOftenItRuns() {

		var demoData = new DemoData(clinics, clinicians, sponsors, rosters, patients, careTeams, consents, intakes, templates,
				plans, sessions, threads, episodes, hosts, schedules,
				new DemoVisits(hosts, visits, visitTypes, patients, events, jdbc, transactions), lessons, screenings,
				new DemoMonitoring(patients, clinicians, clinics, jdbc, transactions));

		demoData.run(new DefaultApplicationArguments());
		demoData.run(new DefaultApplicationArguments());

		assertThat(clinics.find(TenantId.of("northside"))).map(it -> it.name()).hasValue("Northside Physio");
		// every demo clinician holds visits on weekdays, in two spans a day, once however often it runs
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> hosts.findByUsername("pt.alex")
				.map(it -> schedules.of(it.id()).week().size()))).hasValue(10);
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> hosts.active().stream()
				.allMatch(it -> schedules.of(it.id()).week().size() == 10))).isTrue();
		assertThat(clinics.find(TenantId.of("lakeside"))).map(it -> it.name()).hasValue("Lakeside Therapy");
		assertThat(clinics.find(TenantId.of("northside"))).hasValueSatisfying(northside -> {
			assertThat(northside.supportPhone()).hasValue("+1 206 555 0142");
			assertThat(northside.supportEmail()).hasValue("help@northside-physio.example");
			assertThat(northside.logoType()).hasValue("image/svg+xml");
		});
		assertThat(clinics.logo(TenantId.of("northside"))).hasValueSatisfying(
				logo -> assertThat(new String(logo.bytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("Northside"));

		assertThat(CurrentTenant.callAs(TenantId.of("northside"), clinicians::all))
				.extracting(ClinicianSummary::username)
				.containsExactlyInAnyOrder("pt.alex", "pt.sam", "coach.rio");
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> clinicians.findByUsername("pt.alex")))
				.hasValueSatisfying(it -> assertThat(it.licensedStates()).containsExactly("OR", "WA"));
		assertThat(CurrentTenant.callAs(TenantId.of("lakeside"), clinicians::all))
				.extracting(ClinicianSummary::username)
				.containsExactly("pt.jordan");

		var acme = CurrentTenant.callAs(TenantId.of("northside"), () -> sponsors.sponsorOf("sponsor.acme")).orElseThrow();
		assertThat(acme.code()).isEqualTo(SponsorCode.of("ACME"));
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> rosters.latest(acme.id(), 5))).hasSize(1);

		var imported = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
				() -> CurrentTenant.callAs(TenantId.of("northside"), () -> rosters.latest(acme.id(), 1)).get(0),
				report -> report.status().finished());
		assertThat(imported.status()).isEqualTo(RosterImportReport.Status.COMPLETED);
		assertThat(imported.added()).isEqualTo(320);
		assertThat(imported.rejected()).isZero();
		assertThat(CurrentTenant.callAs(TenantId.of("lakeside"), () -> sponsors.sponsorOf("sponsor.bluecross")))
				.map(it -> it.name()).hasValue("Cascade Health Plan");

		var maya = CurrentTenant.callAs(TenantId.of("northside"), () -> patients.findByUsername("patient.maya")).orElseThrow();
		assertThat(maya.state()).isEqualTo("WA");
		assertThat(maya.status()).isEqualTo(PatientStatus.ACTIVE);
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> careTeams.of(maya.id()))).hasValueSatisfying(
				team -> assertThat(team.coach().username()).isEqualTo("coach.rio"));
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> plans.of(maya.id()))).hasValueSatisfying(
				plan -> assertThat(plan.name()).containsIgnoringCase("sciatica"));
		var noah = CurrentTenant.callAs(TenantId.of("northside"), () -> patients.findByUsername("patient.noah")).orElseThrow();
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> redFlags.open(noah.id()))).hasSize(1);
		var leo = CurrentTenant.callAs(TenantId.of("northside"), () -> patients.findByUsername("patient.leo")).orElseThrow();
		assertThat(leo.status()).isEqualTo(PatientStatus.ONBOARDING);
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> consents.outstanding(leo.id()))).hasSize(2);
		assertThat(CurrentTenant.callAs(TenantId.of("lakeside"), () -> patients.findByUsername("patient.ivy")))
				.hasValueSatisfying(it -> assertThat(it.state()).isEqualTo("WA"));
		assertThat(CurrentTenant.callAs(TenantId.of("lakeside"), () -> patients.findByUsername("patient.maya"))).isEmpty();

		// between them the demo therapists' caseloads show every reason: inactivity on pt.jordan's, the rest on pt.alex's
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				CurrentTenant.callAs(TenantId.of("northside"), () -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25))
						.content().stream().flatMap(it -> it.reasons().stream()).distinct().toList())
				.contains(CaseloadReason.RED_FLAG, CaseloadReason.PAIN_FLARE, CaseloadReason.UNANSWERED_MESSAGE,
						CaseloadReason.MISSED_VISIT, CaseloadReason.NEEDS_PLAN, CaseloadReason.READY_TO_PROGRESS));
		// the demo clinicians work weekdays; Maya has a follow-up on the next working day and one more, Grace missed one
		var alex = CurrentTenant.callAs(TenantId.of("northside"), () -> hosts.findByUsername("pt.alex")).orElseThrow();
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> schedules.of(alex.id())).week()).hasSize(10);
		var mayasVisits = CurrentTenant.callAs(TenantId.of("northside"), () -> visits.ofPatient(maya.id()));
		assertThat(mayasVisits).hasSizeGreaterThanOrEqualTo(2).anySatisfy(it -> {
			assertThat(it.clinicianId()).isEqualTo(alex.id());
			assertThat(it.startsAt().atZone(alex.zone()).toLocalDate())
					.isEqualTo(DemoVisits.workingDayFrom(java.time.LocalDate.now(alex.zone()).plusDays(1), 1));
		});
		var grace = CurrentTenant.callAs(TenantId.of("northside"), () -> patients.findByUsername("patient.grace")).orElseThrow();
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> visits.ofPatient(grace.id())))
				.anySatisfy(it -> assertThat(it.status()).isEqualTo(health.stride.visits.VisitStatus.MISSED));
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> sessions.count(maya.id()))).isEqualTo(6);
		// her plan's lessons, the first two read in her first days
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> lessons.progress(maya.id(), java.util.Locale.ENGLISH)))
				.hasSize(8).extracting(it -> it.read()).startsWith(true, true);
		// Maya's chart shows a mood trend and she owes no check-in; Owen, who has answered none, is asked for one
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> screenings.of(maya.id())))
				.extracting(it -> it.instrument().name() + " " + it.score())
				.containsExactly("PHQ2 1", "PHQ2 2", "GAD7 8", "PHQ9 9", "PHQ2 3");
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> screenings.due(maya.id()))).isEmpty();
		var owen = CurrentTenant.callAs(TenantId.of("northside"), () -> patients.findByUsername("patient.owen")).orElseThrow();
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> screenings.due(owen.id())))
				.containsExactlyInAnyOrder(health.stride.patients.Instrument.PHQ2, health.stride.patients.Instrument.GAD7);
		// Maya's remote monitoring reached every code of its first period, seeded once
		var northsideAdmin = new health.stride.platform.security.StrideUser("x", "admin.nora", java.util.List.of(
				TenantId.of("northside")), java.util.Set.of(health.stride.platform.security.Role.CLINIC_ADMIN));
		var monitored = CurrentTenant.callAs(TenantId.of("northside"), () -> monitoring.report(northsideAdmin,
				monitoring.today())).reached().stream().filter(it -> it.patient().equals(maya.id())).findFirst().orElseThrow();
		assertThat(monitored.counts().setUpInPeriod()).isTrue();
		assertThat(monitored.counts().daysWithData()).isGreaterThanOrEqualTo(16);
		assertThat(monitored.counts().minutes()).isEqualTo(45);
		assertThat(monitored.counts().furtherTreatmentUnits()).isOne();
		// Ruth finished her first episode of care: discharged, off the caseload, one episode ended
		var ruth = CurrentTenant.callAs(TenantId.of("northside"), () -> patients.findByUsername("patient.ruth")).orElseThrow();
		assertThat(ruth.status()).isEqualTo(PatientStatus.DISCHARGED);
		assertThat(CurrentTenant.callAs(TenantId.of("northside"), () -> episodes.episodes(ruth.id()))).singleElement()
				.satisfies(it -> assertThat(it.reason()).isEqualTo(health.stride.patients.DischargeReason.GOALS_MET));
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				CurrentTenant.callAs(TenantId.of("northside"), () -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25))
						.content()).noneMatch(it -> it.patient().equals(ruth.id())));
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				CurrentTenant.callAs(TenantId.of("lakeside"), () -> caseloads.of("pt.jordan", Caseloads.Filter.none(), 0, 25))
						.content()).singleElement().satisfies(ivy -> assertThat(ivy.reasons()).contains(CaseloadReason.INACTIVE)));
	}
}
