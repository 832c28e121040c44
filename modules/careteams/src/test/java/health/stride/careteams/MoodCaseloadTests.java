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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.internal.CaseloadReason;
import health.stride.careteams.internal.Caseloads;
import health.stride.careteams.internal.PatientChart;
import health.stride.careteams.internal.ScreeningViews;
import health.stride.patients.Instrument;
import health.stride.patients.PatientId;
import health.stride.patients.Screenings;
import health.stride.patients.UrgentScreeningReported;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * An urgent mood screening answer puts the patient at the top of the caseload with the
 * {@code mood-urgent} reason, once however often its event comes, until a therapist reviews it; the
 * chart's mood panel is the care team's alone.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class MoodCaseloadTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final Caseloads caseloads;
	private final Screenings screenings;
	private final PatientChart charts;
	private final ScreeningViews views;
	private final CareTeamFixtures fixtures;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;

	MoodCaseloadTests(ClinicRegistry clinics, ClinicianManagement clinicians, Caseloads caseloads, Screenings screenings,
			PatientChart charts, ScreeningViews views, CareTeamFixtures fixtures, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.caseloads = caseloads;
		this.screenings = screenings;
		this.charts = charts;
		this.views = views;
		this.fixtures = fixtures;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void mayaOnAlexsCaseload() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		CurrentTenant.runAs(clinic, () -> clinicians.add("pt.alex", "Alex, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		maya = call(() -> fixtures.patient("Maya", "WA"));
		CurrentTenant.runAs(clinic, () -> fixtures.completeIntake(maya));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call(
				() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).totalElements() == 1);
	}

	@Test
	void anUrgentAnswerIsAReasonAsUrgentAsARedFlagOnceHoweverOftenItsEventComesUntilReviewed(Scenario scenario) {

		call(() -> screenings.answer(maya, Instrument.PHQ9, List.of(1, 1, 1, 1, 1, 1, 1, 1, 0)));
		var urgent = call(() -> screenings.answer(maya, Instrument.PHQ9, List.of(0, 0, 0, 0, 0, 0, 0, 0, 2)));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reasons().contains(CaseloadReason.MOOD_URGENT));
		assertThat(entry().priority()).isEqualTo(CaseloadReason.RED_FLAG.priority()).isOne();
		assertThat(CaseloadReason.MOOD_URGENT.code()).isEqualTo("mood-urgent");
		assertThat(call(() -> caseloads.of("pt.alex", new Caseloads.Filter(CaseloadReason.MOOD_URGENT, null, null), 0, 25))
				.totalElements()).isOne();

		// delivered again (as after a restart): the count comes from the open answers, not from the deliveries
		CurrentTenant.runAs(clinic, () -> scenario.publish(new UrgentScreeningReported(clinic, maya, urgent.id(),
				urgent.answeredAt()))
				.andWaitForStateChange(() -> handled(urgent.id()), count -> count >= 2)
				.andVerify(count -> assertThat(openMoodUrgent()).isOne()));

		asAlex(() -> screenings.review(maya, urgent.id(), "Called her; she is safe and sees her doctor today"));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reasons().contains(CaseloadReason.MOOD_URGENT));
		assertThat(openMoodUrgent()).isZero();
	}

	@Test
	void showsScoresAndTrendToTheCareTeamOnlyAndLetsItsTherapistReview() {

		call(() -> screenings.answer(maya, Instrument.PHQ2, List.of(2, 2), java.time.Instant.now().minus(Duration.ofDays(30))));
		call(() -> screenings.answer(maya, Instrument.PHQ2, List.of(1, 0)));
		call(() -> screenings.answer(maya, Instrument.GAD7, List.of(1, 1, 1, 1, 1, 1, 1)));

		var alex = user("pt.alex", Role.THERAPIST);
		var panel = call(() -> views.panel(charts.open(maya, alex).orElseThrow(), alex, Locale.ENGLISH));
		assertThat(panel).isNotNull();
		assertThat(panel.latest()).extracting(it -> it.instrument() + " " + it.score() + "/" + it.maximum() + " "
				+ it.severity() + " " + it.change())
				.containsExactly("PHQ2 1/6 negative BETTER", "GAD7 7/21 mild FIRST");
		assertThat(panel.history()).hasSize(3);
		assertThat(panel.open()).isEmpty();
		assertThat(panel.mayReview()).isTrue();

		var nora = user("admin.nora", Role.CLINIC_ADMIN);
		assertThat(call(() -> views.panel(charts.open(maya, nora).orElseThrow(), nora, Locale.ENGLISH)))
				.as("the clinic's administrator sees the record, not the care").isNull();
	}

	private StrideUser user(String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}

	private Caseloads.Entry entry() {
		return call(() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).content().get(0);
	}

	private List<CaseloadReason> reasons() {
		return entry().reasons();
	}

	private int openMoodUrgent() {
		return call(() -> transaction.execute(status -> jdbc.sql(
				"select open_mood_urgent from careteams.caseload_entry where patient_id = ?").param(maya.id())
				.query(Integer.class).single()));
	}

	private long handled(UUID screening) {
		return transaction.execute(status -> jdbc.sql("""
				select count(*) from event_publication
				where completion_date is not null and event_type like '%UrgentScreeningReported'
				  and listener_id like '%careteams%' and serialized_event like ?""")
				.param("%" + screening + "%").query(Long.class).single());
	}

	private void asAlex(Runnable work) {
		SecurityContextHolder.getContext().setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(user("pt.alex", Role.THERAPIST), null, List.of()));
		try {
			CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> work.run()));
		} finally {
			SecurityContextHolder.clearContext();
		}
	}

	private <T> T call(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}
}
