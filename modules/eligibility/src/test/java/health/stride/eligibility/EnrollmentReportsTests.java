package health.stride.eligibility;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@ApplicationModuleTest
class EnrollmentReportsTests {

	private final EnrollmentReports reports;
	private final Engagement engagement;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;

	private TenantId clinic;
	private SponsorSummary acme;

	EnrollmentReportsTests(EnrollmentReports reports, Engagement engagement, SponsorManagement sponsors,
			RosterImports rosters, ClinicRegistry clinics, JdbcClient jdbc, TransactionTemplate transactions) {
		this.reports = reports;
		this.engagement = engagement;
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@BeforeEach
	void aSponsorWithThirtyMembers() {

		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var roster = IntStream.range(0, 30).mapToObj(i -> "M" + i + ",F" + i + ",L" + i + ",1980-01-01,,2025-01-01,")
				.collect(Collectors.joining("\n", RosterFixtures.HEADER, "\n"));

		acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));
		RosterFixtures.importRoster(rosters, clinic, acme, roster);
	}

	@Test
	void countsEligibleEnrolledAndActiveMembersWithSmallCountsWithheld() {

		var patients = enroll(14);
		var today = LocalDate.now(ZoneOffset.UTC);

		CurrentTenant.runAs(clinic, () -> {
			patients.subList(0, 3).forEach(patient -> {
				engagement.recordActivity(patient, today);
				engagement.recordActivity(patient, today); // the same day counts once
			});
		});

		var report = CurrentTenant.callAs(clinic, () -> reports.of(acme.id()));

		assertThat(report.eligible()).isEqualTo(30);
		assertThat(report.enrolled()).isEqualTo(14);
		assertThat(report.activeLast30Days()).as("3 active members are withheld").isNull();
		assertThat(report.byMonth()).hasSize(12);

		var thisMonth = report.byMonth().get(11);
		assertThat(thisMonth.month()).isEqualTo(YearMonth.from(today));
		assertThat(thisMonth.enrolled()).isEqualTo(14);
		assertThat(thisMonth.active()).isNull();
		assertThat(report.byMonth().subList(0, 11)).allSatisfy(month -> assertThat(month.enrolled()).isZero());
	}

	@Test
	void neverShowsANumberThatRevealsASmallGroup() {

		enroll(4);

		var report = CurrentTenant.callAs(clinic, () -> reports.of(acme.id()));

		assertThat(report.enrolled()).isNull();
		assertThat(report.byMonth().get(11).enrolled()).isNull();
	}

	@Test
	void showsNothingOfOneClinicToAnother() {

		enroll(12);
		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();

		var report = CurrentTenant.callAs(other, () -> reports.of(acme.id()));

		assertThat(report.eligible()).isZero();
		assertThat(report.enrolled()).isZero();
	}

	/** Enrollments written directly: the signup itself is tested with Keycloak end to end. */
	private List<UUID> enroll(int count) {
		return CurrentTenant.callAs(clinic, () -> transactions.execute(status -> {
			var members = jdbc.sql("select member_id from eligibility.member order by member_id limit ?").param(count)
					.query(String.class).list();
			return members.stream().map(member -> {
				var patient = UUID.randomUUID();
				jdbc.sql("""
						insert into eligibility.enrollment (tenant_id, id, sponsor_id, member_id, patient_id, account_id,
						    username, email, state, time_zone, enrolled_at)
						values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?, ?, ?, 'WA', 'America/Los_Angeles', now())""")
						.params(UUID.randomUUID(), acme.id().id(), member, patient, UUID.randomUUID().toString(),
								"u" + patient, patient + "@example.com")
						.update();
				return patient;
			}).toList();
		}));
	}
}
