package health.stride.eligibility;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The end of a signed-up member's cover: when it is announced, moved, taken back, and what the sponsor counts. */
@ApplicationModuleTest
@Import(CoverageEndTests.Announcements.class)
class CoverageEndTests {

	/** Hears the announcements on whichever thread the import runs. */
	static class Announcements {

		private final List<ClinicEvent> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CoverageEnding event) {
			received.add(event);
		}

		@EventListener
		void on(MemberReinstated event) {
			received.add(event);
		}

		List<ClinicEvent> of(TenantId clinic) {
			return received.stream().filter(it -> it.tenant().equals(clinic)).toList();
		}
	}

	private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	private final RosterImports rosters;
	private final SponsorManagement sponsors;
	private final ClinicRegistry clinics;
	private final CoverageEnds coverageEnds;
	private final EnrollmentReports reports;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final Announcements announcements;

	private TenantId clinic;
	private SponsorSummary acme;

	CoverageEndTests(RosterImports rosters, SponsorManagement sponsors, ClinicRegistry clinics,
			CoverageEnds coverageEnds, EnrollmentReports reports, JdbcClient jdbc, TransactionTemplate transactions,
			Announcements announcements) {
		this.rosters = rosters;
		this.sponsors = sponsors;
		this.clinics = clinics;
		this.coverageEnds = coverageEnds;
		this.reports = reports;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.announcements = announcements;
	}

	@BeforeEach
	void aClinicWithASponsor() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("acme"), "Acme Logistics", SponsorKind.EMPLOYER, null, null));
	}

	@Test
	void announcesTheDayOfTheImportAsTheLastDayOfAMemberMissingFromTheRoster() {

		importRoster(line("A1", null), line("A2", null));
		var maya = enroll("A1");

		importRoster(line("A2", null));

		assertThat(awaitAnnouncements(1)).containsExactly(
				new CoverageEnding(clinic, acme.id(), maya.enrollment(), maya.patientId(), TODAY));
		assertThat(endOf(maya)).contains(TODAY);
	}

	@Test
	void announcesAnEndTheRosterNamesAheadAndAgainWhenItMoves() {

		importRoster(line("A1", null), line("A2", null));
		var maya = enroll("A1");
		var endOfMonth = TODAY.plusMonths(1).withDayOfMonth(1).minusDays(1);

		importRoster(line("A1", endOfMonth), line("A2", null));
		assertThat(awaitAnnouncements(1)).containsExactly(
				new CoverageEnding(clinic, acme.id(), maya.enrollment(), maya.patientId(), endOfMonth));
		assertThat(endOf(maya)).as("known before the day").contains(endOfMonth);

		importRoster(line("A1", endOfMonth.plusMonths(2)), line("A2", null));
		assertThat(awaitAnnouncements(2)).last().isEqualTo(
				new CoverageEnding(clinic, acme.id(), maya.enrollment(), maya.patientId(), endOfMonth.plusMonths(2)));
	}

	@Test
	void reinstatesAMemberTheRosterListsAgainOrNoLongerEnds() {

		importRoster(line("A1", null), line("A2", TODAY.plusDays(10)));
		var maya = enroll("A1");
		var leo = enroll("A2");

		importRoster(line("A2", TODAY.plusDays(10)));
		importRoster(line("A1", null), line("A2", null));

		assertThat(awaitAnnouncements(4)).containsExactlyInAnyOrder(
				new CoverageEnding(clinic, acme.id(), leo.enrollment(), leo.patientId(), TODAY.plusDays(10)),
				new CoverageEnding(clinic, acme.id(), maya.enrollment(), maya.patientId(), TODAY),
				new MemberReinstated(clinic, acme.id(), maya.enrollment(), maya.patientId()),
				new MemberReinstated(clinic, acme.id(), leo.enrollment(), leo.patientId()));
		assertThat(endOf(maya)).isEmpty();
		assertThat(endOf(leo)).isEmpty();
	}

	@Test
	void announcesNothingAgainWhenTheSameRosterComesAgain() {

		importRoster(line("A1", null), line("A2", null), line("A3", null));
		var maya = enroll("A1");
		enroll("A2");
		importRoster(line("A2", TODAY.plusDays(3)), line("A3", TODAY.plusDays(3)));
		assertThat(awaitAnnouncements(2)).hasSize(2);

		importRoster(line("A2", TODAY.plusDays(3)), line("A3", TODAY.plusDays(3)));
		importRoster(line("A2", TODAY.plusDays(3)), line("A3", TODAY.plusDays(3)));

		Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
				.until(() -> announcements.of(clinic).size() == 2);
		assertThat(endOf(maya)).contains(TODAY);
	}

	@Test
	void dropsMembersWhoseCoverEndedFromTheSponsorsCountsAndCountsThemAgainWhenReinstated() {

		var everyone = IntStream.range(0, 14).mapToObj(i -> line("M" + (10 + i), null)).toArray(String[]::new);
		importRoster(everyone);
		IntStream.range(0, 14).forEach(i -> enroll("M" + (10 + i)));
		assertThat(report().enrolled()).isEqualTo(14);

		var threeEnded = everyone.clone();
		for (int i = 0; i < 3; i++) {
			threeEnded[i] = line("M" + (10 + i), TODAY.minusDays(1));
		}
		threeEnded[3] = line("M13", TODAY); // its last day is today: still counted
		importRoster(threeEnded);
		awaitAnnouncements(4);

		var afterEnd = report();
		assertThat(afterEnd.enrolled()).isEqualTo(11);
		assertThat(afterEnd.byMonth().get(11).enrolled()).isEqualTo(11);

		var fourEnded = threeEnded.clone();
		fourEnded[4] = line("M14", TODAY.minusDays(1));
		importRoster(fourEnded);
		awaitAnnouncements(5);
		assertThat(report().enrolled()).as("ten enrolled members are withheld").isNull();
		assertThat(report().byMonth().get(11).enrolled()).as("and cannot be worked out from the months").isNull();

		importRoster(everyone);
		awaitAnnouncements(10);
		assertThat(report().enrolled()).isEqualTo(14);
	}

	private String line(String memberId, LocalDate coverageEnd) {
		return memberId + ",First" + memberId + ",Last" + memberId + ",1980-01-01,,2025-01-01,"
				+ (coverageEnd == null ? "" : coverageEnd);
	}

	private void importRoster(String... lines) {
		var report = RosterFixtures.importRoster(rosters, clinic, acme,
				List.of(lines).stream().collect(Collectors.joining("\n", RosterFixtures.HEADER, "\n")));
		assertThat(report.status()).isEqualTo(RosterImportReport.Status.COMPLETED);
	}

	private List<ClinicEvent> awaitAnnouncements(int count) {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> announcements.of(clinic),
				received -> received.size() >= count);
	}

	private java.util.Optional<LocalDate> endOf(Enrolled enrolled) {
		return CurrentTenant.callAs(clinic, () -> coverageEnds.of(enrolled.enrollment()));
	}

	private EnrollmentReport report() {
		return CurrentTenant.callAs(clinic, () -> reports.of(acme.id()));
	}

	record Enrolled(EnrollmentId enrollment, UUID patientId) {}

	/** An enrollment written directly: the signup itself is tested in SignupTests. */
	private Enrolled enroll(String memberId) {
		var enrolled = new Enrolled(new EnrollmentId(UUID.randomUUID()), UUID.randomUUID());
		CurrentTenant.runAs(clinic, () -> transactions.executeWithoutResult(status -> jdbc.sql("""
				insert into eligibility.enrollment (id, sponsor_id, member_id, patient_id, account_id,
				    username, email, state, time_zone, enrolled_at)
				values (?, ?, ?, ?, ?, ?, ?, 'WA', 'America/Los_Angeles', now())""")
				.params(enrolled.enrollment().id(), acme.id().id(), memberId, enrolled.patientId(),
						UUID.randomUUID().toString(), "u-" + memberId, memberId + "@example.com")
				.update()));
		return enrolled;
	}
}
