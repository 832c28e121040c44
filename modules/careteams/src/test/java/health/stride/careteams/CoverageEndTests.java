package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.internal.Caseloads;
import health.stride.careteams.internal.PatientChart;
import health.stride.patients.CoverageEnd.Stage;
import health.stride.patients.CoverageEndChanged;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.Payment;
import health.stride.patients.PortalAccess;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The end of a patient's sponsored cover on the caseload and the chart, and moving them to another payer. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class CoverageEndTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final CareTeamFixtures fixtures;
	private final Caseloads caseloads;
	private final PatientChart charts;
	private final PatientDirectory directory;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;
	private LocalDate clinicToday;

	CoverageEndTests(ClinicRegistry clinics, ClinicianManagement clinicians, CareTeamFixtures fixtures,
			Caseloads caseloads, PatientChart charts, PatientDirectory directory, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.fixtures = fixtures;
		this.caseloads = caseloads;
		this.charts = charts;
		this.directory = directory;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aSponsoredPatientOnAlexsCaseload() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		clinicToday = LocalDate.now(clinics.find(clinic).orElseThrow().timeZone());
		CurrentTenant.runAs(clinic, () -> {
			clinicians.add("pt.alex", "Alex, PT", ClinicianRole.THERAPIST, Licenses.valid("WA"));
			clinicians.add("pt.sam", "Sam, PT", ClinicianRole.THERAPIST, Licenses.valid("OR")); // not licensed for Maya
		});
		maya = CurrentTenant.callAs(clinic, () -> fixtures.patient("Maya", "WA"));
		CurrentTenant.runAs(clinic, () -> {
			directory.changePayment(maya, Payment.sponsor(UUID.randomUUID())); // before the assignment writes the record
			fixtures.completeIntake(maya);
		});
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry().isPresent());
	}

	@Test
	void showsTheDayTheCoverEndsOnTheCaseloadAndTheChartBeforeTheDay(Scenario scenario) {

		var end = clinicToday.plusDays(10);
		coverEnds(scenario, end);

		assertThat(entry().orElseThrow().coverageEndsOn()).isEqualTo(end);
		assertThat(entry().orElseThrow().coverageStage()).isEqualTo(Stage.ENDING);

		var chart = chart(user("pt.alex", Role.THERAPIST), Locale.ENGLISH).coverage();
		assertThat(chart).isNotNull();
		assertThat(chart.stage()).isEqualTo(Stage.ENDING);
		assertThat(chart.endsOn()).isEqualTo(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ENGLISH).format(end));
		assertThat(chart.readOnlyFrom()).isEqualTo(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
				.withLocale(Locale.ENGLISH).format(end.plusDays(31)));
		assertThat(chart.mayChangePayment()).isTrue();

		var spanish = Locale.forLanguageTag("es");
		assertThat(chart(user("pt.alex", Role.THERAPIST), spanish).coverage().endsOn())
				.isEqualTo(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(spanish).format(end));
	}

	@Test
	void marksThePortalReadOnlyAfterTheGraceUntilTheClinicMovesThePatientToSelfPay(Scenario scenario) {

		coverEnds(scenario, clinicToday.minusDays(31));
		assertThat(entry().orElseThrow().coverageStage()).isEqualTo(Stage.READ_ONLY);
		assertThat(chart(user("pt.alex", Role.THERAPIST), Locale.ENGLISH).coverage().stage()).isEqualTo(Stage.READ_ONLY);
		assertThat(CurrentTenant.callAs(clinic, () -> directory.portalAccess(maya))).isEqualTo(PortalAccess.READ_ONLY);

		assertThat(CurrentTenant.callAs(clinic, () -> charts.changePayment(maya, user("pt.sam", Role.THERAPIST),
				Payment.selfPay()))).as("a therapist outside the care team").isFalse();
		assertThat(CurrentTenant.callAs(clinic, () -> charts.changePayment(maya, user("coach.rio", Role.COACH),
				Payment.selfPay()))).as("a coach").isFalse();

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> charts.changePayment(maya, user("pt.alex", Role.THERAPIST),
						Payment.selfPay()))
				.andWaitForStateChange(() -> entry().map(Caseloads.Entry::coverageStage).orElse(null),
						stage -> stage == Stage.ENDED)
				.andVerify(stage -> assertThat(stage).isEqualTo(Stage.ENDED)));

		assertThat(CurrentTenant.callAs(clinic, () -> directory.portalAccess(maya)))
				.as("self-pay keeps the portal open after the grace").isEqualTo(PortalAccess.OPEN);
		var chart = chart(user("admin.nora", Role.CLINIC_ADMIN), Locale.ENGLISH).coverage();
		assertThat(chart.stage()).isEqualTo(Stage.ENDED);
		assertThat(chart.readOnlyFrom()).isNull();
		assertThat(chart.mayChangePayment()).as("the clinic's administrators may too").isTrue();
	}

	/** The patients module's part (tested there): the record holds the end, and it announces the change. */
	private void coverEnds(Scenario scenario, LocalDate lastDay) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc
				.sql("update patients.patient set coverage_ends_on = ? where id = ?").params(lastDay, maya.id()).update()));
		CurrentTenant.runAs(clinic, () -> scenario.publish(new CoverageEndChanged(clinic, maya))
				.andWaitForStateChange(() -> entry().map(Caseloads.Entry::coverageEndsOn).orElse(null),
						lastDay::equals)
				.andVerify(endsOn -> assertThat(endsOn).isEqualTo(lastDay)));
	}

	private Optional<Caseloads.Entry> entry() {
		return CurrentTenant.callAs(clinic, () -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).content()
				.stream().findFirst();
	}

	private PatientChart.Chart chart(StrideUser reader, Locale locale) {
		return CurrentTenant.callAs(clinic, () -> charts.of(maya, reader, locale)).orElseThrow();
	}

	private StrideUser user(String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}
}
