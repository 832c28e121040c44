package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.internal.CaseloadReason;
import health.stride.careteams.internal.Caseloads;
import health.stride.careteams.internal.PatientChart;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.VisitBooked;
import health.stride.visits.VisitCancelled;
import health.stride.visits.VisitHeld;
import health.stride.visits.VisitId;
import health.stride.visits.VisitMissed;
import health.stride.visits.VisitNote;
import health.stride.visits.VisitNotes;
import health.stride.visits.VisitTypes;

/**
 * The visits module's events reach the caseload ("missed visit" until the patient is back on track)
 * and the chart (the visits on the timeline, the next one booked), read through the visits API.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class VisitCaseloadAndChartTests {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final Caseloads caseloads;
	private final PatientChart charts;
	private final VisitTypes types;
	private final VisitNotes notes;
	private final CareTeamFixtures fixtures;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private UUID alex;
	private PatientId maya;

	VisitCaseloadAndChartTests(ClinicRegistry clinics, ClinicianManagement clinicians, Caseloads caseloads,
			PatientChart charts, VisitTypes types, VisitNotes notes, CareTeamFixtures fixtures, ApplicationEventPublisher events,
			JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.caseloads = caseloads;
		this.charts = charts;
		this.types = types;
		this.notes = notes;
		this.fixtures = fixtures;
		this.events = events;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void mayaOnAlexsCaseload() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		CurrentTenant.runAs(clinic, () -> clinicians.add("pt.alex", "Alex, PT", ClinicianRole.THERAPIST, Licenses.valid("WA")));
		alex = CurrentTenant.callAs(clinic, () -> clinicians.findByUsername("pt.alex")).orElseThrow().id().id();
		maya = CurrentTenant.callAs(clinic, () -> fixtures.patient("Maya", "WA"));
		CurrentTenant.runAs(clinic, () -> fixtures.completeIntake(maya));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> CurrentTenant.callAs(clinic,
				() -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).totalElements() == 1);
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == 4);
	}

	@Test
	void aMissedVisitNeedsTheCareTeamUntilThePatientBooksAgainOnceHoweverOftenItArrives() {

		var now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		var missed = visit(now.minus(Duration.ofDays(1)), "MISSED", now.minus(Duration.ofDays(3)));
		var missedEvent = new VisitMissed(clinic, missed, maya, alex, now.minus(Duration.ofDays(1)));
		publish(missedEvent);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reasons().contains(CaseloadReason.MISSED_VISIT));
		assertThat(entry().priority()).isEqualTo(CaseloadReason.MISSED_VISIT.priority());
		assertThat(CaseloadReason.MISSED_VISIT.code()).isEqualTo("missed-visit");
		assertThat(CurrentTenant.callAs(clinic, () -> caseloads.of("pt.alex",
				new Caseloads.Filter(CaseloadReason.MISSED_VISIT, null, null), 0, 25)).totalElements()).isOne();

		publish(missedEvent); // re-published after a restart
		Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
				.until(() -> reasons().stream().filter(CaseloadReason.MISSED_VISIT::equals).count() == 1);

		var next = visit(now.plus(Duration.ofDays(2)), "BOOKED", now);
		publish(new VisitBooked(clinic, next, maya, alex, now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(2)).plusSeconds(1800)));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reasons().contains(CaseloadReason.MISSED_VISIT));

		// the visit booked again is cancelled: the miss needs the care team again
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				update visits.visit set status = 'CANCELLED', cancelled_by = 'x', cancelled_at = now(), late = true
				where id = ?""").param(next.id()).update()));
		publish(new VisitCancelled(clinic, next, maya, alex, now.plus(Duration.ofDays(2)), VisitCancelled.Timing.LATE));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reasons().contains(CaseloadReason.MISSED_VISIT));

		// a visit booked before the miss counts once it is held
		var earlier = visit(now.minus(Duration.ofHours(2)), "COMPLETED", now.minus(Duration.ofDays(5)));
		publish(new VisitHeld(clinic, earlier, maya, alex, now.minus(Duration.ofHours(2))));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reasons().contains(CaseloadReason.MISSED_VISIT));
	}

	@Test
	void theChartShowsTheVisitsOnItsTimelineAndTheNextOneBooked() {

		var now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		var alexSignedIn = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		assertThat(chart(alexSignedIn).nextVisit()).isNull();

		visit(now.minus(Duration.ofDays(1)), "MISSED", now.minus(Duration.ofDays(3)));
		visit(now.plus(Duration.ofDays(1)), "CANCELLED", now.minus(Duration.ofDays(2)));
		visit(now.plus(Duration.ofDays(4)), "BOOKED", now.minus(Duration.ofHours(1)));
		visit(now.plus(Duration.ofDays(9)), "BOOKED", now.minus(Duration.ofMinutes(30)));

		var chart = chart(alexSignedIn);
		assertThat(chart.timeline()).extracting(it -> it.what().code()).contains("careteams.chart.visit-missed",
				"careteams.chart.visit-cancelled-late", "careteams.chart.visit-booked");
		assertThat(chart.timeline()).filteredOn(it -> it.what().code().equals("careteams.chart.visit-booked")).hasSize(4)
				.allSatisfy(it -> assertThat(it.what().arguments()[0]).isEqualTo("Follow-up"));
		assertThat(chart.nextVisit()).isNotNull();
		assertThat(chart.nextVisit().clinician()).isEqualTo("Alex, PT");
		assertThat(chart.nextVisit().kind()).isEqualTo("Follow-up");

		var admin = new StrideUser(UUID.randomUUID().toString(), "admin.nora", List.of(clinic), Set.of(Role.CLINIC_ADMIN));
		assertThat(chart(admin).nextVisit()).as("the administrators see the visits too").isNotNull();
	}

	@Test
	void aVisitCompletedWithASignedNoteClearsTheMissedVisitAndShowsTheNoteOnTheChart() {

		var now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		var missed = visit(now.minus(Duration.ofDays(1)), "MISSED", now.minus(Duration.ofDays(3)));
		publish(new VisitMissed(clinic, missed, maya, alex, now.minus(Duration.ofDays(1))));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reasons().contains(CaseloadReason.MISSED_VISIT));

		// booked before the miss: it shows the patient is back only once it is held
		var held = visit(now.minus(Duration.ofMinutes(20)), "BOOKED", now.minus(Duration.ofDays(2)));
		var alexSignedIn = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		var sections = new VisitNote.Sections("Back pain 4/10, better mornings.", "Bird dog held 5 s each side.",
				"Improving as planned.", "Add the side plank; next visit in two weeks.");
		CurrentTenant.callAs(clinic, () -> notes.sign(alexSignedIn, held, sections, 28, 0));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reasons().contains(CaseloadReason.MISSED_VISIT));
		CurrentTenant.callAs(clinic, () -> notes.addAddendum(alexSignedIn, held, "Called back: the plank was fine."));

		var admin = new StrideUser(UUID.randomUUID().toString(), "admin.nora", List.of(clinic), Set.of(Role.CLINIC_ADMIN));
		for (var reader : List.of(alexSignedIn, admin)) {
			assertThat(chart(reader).timeline()).filteredOn(it -> it.what().code().equals("careteams.chart.visit-note"))
					.singleElement().satisfies(moment -> {
						assertThat(moment.what().arguments()).containsExactly("Follow-up",
								chart(reader).timeline().stream().filter(it -> it.what().code().equals("careteams.chart.visit-held"))
										.findFirst().orElseThrow().when(),
								"Alex, PT", 28);
						assertThat(moment.note()).isNotNull();
						assertThat(moment.note().sections()).isEqualTo(sections);
						assertThat(moment.note().addenda()).extracting(PatientChart.Addendum::body)
								.containsExactly("Called back: the plank was fine.");
					});
		}
	}

	private PatientChart.Chart chart(StrideUser reader) {
		return CurrentTenant.callAs(clinic, () -> charts.of(maya, reader, Locale.ENGLISH)).orElseThrow();
	}

	/** A visit as the visits module stores it (its own rules are its own tests'). */
	private VisitId visit(Instant startsAt, String status, Instant bookedAt) {
		var id = VisitId.random();
		var cancelled = "CANCELLED".equals(status);
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> jdbc.sql("""
				insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
				                          booked_by, booked_at, cancelled_by, cancelled_at, late)
				values (?, ?, ?, 'follow-up', ?, ?, ?, ?, 'pt.alex', ?, ?, ?, ?)""")
				.params(id.id(), maya.id(), alex, Timestamp.from(startsAt), Timestamp.from(startsAt.plusSeconds(1800)),
						Timestamp.from(startsAt.plusSeconds(1800)), status, Timestamp.from(bookedAt),
						cancelled ? "pt.alex" : null, cancelled ? Timestamp.from(bookedAt.plusSeconds(60)) : null, cancelled)
				.update()));
		return id;
	}

	private void publish(ClinicEvent event) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(tx -> events.publishEvent(event)));
	}

	private Caseloads.Entry entry() {
		return CurrentTenant.callAs(clinic, () -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25)).content().get(0);
	}

	private List<CaseloadReason> reasons() {
		return entry().reasons();
	}
}
