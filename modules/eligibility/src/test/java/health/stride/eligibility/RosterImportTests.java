package health.stride.eligibility;

import static org.assertj.core.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.RosterImportReport.Status;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

@ApplicationModuleTest
@Import(RosterImportTests.Terminations.class)
class RosterImportTests {

	/** Hears terminations on whichever thread the import runs. */
	static class Terminations {

		private final List<MemberTerminated> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(MemberTerminated event) {
			received.add(event);
		}

		List<MemberTerminated> received() {
			return received;
		}
	}

	static final String HEADER = "member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n";

	private final RosterImports imports;
	private final SponsorManagement sponsors;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final Terminations terminations;
	private final MessageSource messages;

	private TenantId clinic;
	private SponsorSummary acme;

	RosterImportTests(RosterImports imports, SponsorManagement sponsors, ClinicRegistry clinics, JdbcClient jdbc,
			TransactionTemplate transactions, Terminations terminations, MessageSource messages) {
		this.messages = messages;
		this.terminations = terminations;
		this.imports = imports;
		this.sponsors = sponsors;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@BeforeEach
	void aClinicWithASponsor() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		acme = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("acme"), "Acme Logistics", SponsorKind.EMPLOYER, null, null));
	}

	@Test
	void addsTheMembersOfAFirstRoster() {

		var report = importRoster(HEADER + """
				A1,Maya,Okafor,1985-03-14,maya@example.com,2026-01-01,
				A2,Leo,Brandt,1979-11-02,,2025-06-01,2027-12-31
				""");

		assertThat(report.status()).isEqualTo(Status.COMPLETED);
		assertThat(report).extracting(RosterImportReport::rowsRead, RosterImportReport::added,
				RosterImportReport::updated, RosterImportReport::terminated, RosterImportReport::rejected)
				.containsExactly(2L, 2L, 0L, 0L, 0L);
		assertThat(report.percentDone()).isEqualTo(100);
		assertThat(members()).containsExactly("A1 Okafor 1985-03-14 open", "A2 Brandt 1979-11-02 2027-12-31");
	}

	@Test
	void changesNothingWhenTheSameRosterComesAgain() {

		var roster = HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\nA2,Leo,Brandt,1979-11-02,,2025-06-01,\n";
		importRoster(roster);
		var before = snapshot();

		var again = importRoster(roster);

		assertThat(again).extracting(RosterImportReport::added, RosterImportReport::updated,
				RosterImportReport::terminated).containsExactly(0L, 0L, 0L);
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void updatesChangedMembersAndEndsTheCoverageOfMissingOnesWithoutDeletingThem() {

		importRoster(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\nA2,Leo,Brandt,1979-11-02,,2025-06-01,\n"
				+ "A4,Ada,Lind,1970-01-01,,2025-06-01,\n");
		var leo = enroll("A2");

		var report = importRoster(HEADER + "A1,Maya,Okafor-Lee,1985-03-14,,2026-01-01,\nA3,Ivy,Chen,1990-07-07,,2026-02-01,\n");

		var today = LocalDate.now(ZoneOffset.UTC);
		assertThat(report).extracting(RosterImportReport::added, RosterImportReport::updated,
				RosterImportReport::terminated).containsExactly(1L, 1L, 2L);
		assertThat(members()).containsExactly("A1 Okafor-Lee 1985-03-14 open", "A2 Brandt 1979-11-02 " + today,
				"A3 Chen 1990-07-07 open", "A4 Lind 1970-01-01 " + today);
		assertThat(terminations.received()).as("only the member who signed up is announced")
				.filteredOn(it -> it.tenant().equals(clinic)).singleElement()
				.satisfies(it -> assertThat(it).isEqualTo(new MemberTerminated(clinic, acme.id(), leo.enrollment(),
						leo.patientId())));

		var third = importRoster(HEADER + "A1,Maya,Okafor-Lee,1985-03-14,,2026-01-01,\nA3,Ivy,Chen,1990-07-07,,2026-02-01,\n");
		assertThat(third.terminated()).as("an ended coverage is not ended again").isZero();
	}

	@Test
	void keepsTheCoverageOfMembersWhoseLineWasRejected() {

		importRoster(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\nA2,Leo,Brandt,1979-11-02,,2025-06-01,\n");

		var report = importRoster(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\nA2,Leo,Brandt,1979-02-30,,2025-06-01,\n");

		assertThat(report.rejected()).isOne();
		assertThat(report.terminated()).isZero();
		assertThat(report.errors()).singleElement().satisfies(error -> {
			assertThat(error.line()).isEqualTo(3);
			assertThat(english(error.reason())).isEqualTo("The date of birth '1979-02-30' is not a date of the form YYYY-MM-DD.");
		});
		assertThat(members()).contains("A2 Brandt 1979-11-02 open");
	}

	@Test
	void rejectsEveryLineOfAMemberIdThatAppearsTwice() {

		importRoster(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\n");

		var report = importRoster(HEADER
				+ "A1,Maya,Okafor,1985-03-14,,2026-01-01,\nA2,Leo,Brandt,1979-11-02,,2025-06-01,\nA1,Mia,Other,1990-01-01,,2026-01-01,\n");

		assertThat(report.rejected()).isEqualTo(2);
		assertThat(report.errors()).extracting(RosterImportReport.LineError::line).containsExactly(2L, 4L);
		assertThat(english(report.errors().get(0).reason()))
				.isEqualTo("The member id appears more than once in the file (lines 2, 4).");
		assertThat(members()).containsExactly("A1 Okafor 1985-03-14 open", "A2 Brandt 1979-11-02 open");
	}

	@Test
	void changesNothingWhenTheFileCannotBeImported() {

		importRoster(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\n");
		var before = snapshot();

		var valid = (HEADER + "A2,Leo,Brandt,1979-11-02,,2025-06-01,\nA3,Ivy,Chen,1990-07-07,,2026-02-01,\n")
				.getBytes(StandardCharsets.UTF_8);
		var latin1 = "A4,José,Núñez,1990-07-07,,2026-02-01,\n".getBytes(StandardCharsets.ISO_8859_1);
		var file = new byte[valid.length + latin1.length];
		System.arraycopy(valid, 0, file, 0, valid.length);
		System.arraycopy(latin1, 0, file, valid.length, latin1.length);

		var broken = awaitFinished(CurrentTenant.callAs(clinic,
				() -> imports.submit(acme, "roster.csv", new ByteArrayInputStream(file), "test")));

		assertThat(broken.status()).isEqualTo(Status.FAILED);
		assertThat(english(broken.failure())).contains("not UTF-8");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void refusesAFileWithMoreRejectedLinesThanALikelyRoster() {

		importRoster(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\n");
		var garbage = IntStream.range(0, 10_001).mapToObj(i -> "X" + i + ",a,b,not-a-date,,2026-01-01,")
				.collect(Collectors.joining("\n", HEADER, "\n"));

		var report = importRoster(garbage);

		assertThat(report.status()).isEqualTo(Status.FAILED);
		assertThat(english(report.failure())).contains("does not look like the sponsor's roster");
		assertThat(members()).containsExactly("A1 Okafor 1985-03-14 open");
	}

	@Test
	void runsTwoImportsForOneSponsorOneAfterTheOther() {

		var first = IntStream.range(0, 3_000).mapToObj(i -> "M" + i + ",F" + i + ",L" + i + ",1980-01-01,,2026-01-01,")
				.collect(Collectors.joining("\n", HEADER, "\n"));
		var second = IntStream.range(1_500, 4_500).mapToObj(i -> "M" + i + ",F" + i + ",L" + i + ",1980-01-01,,2026-01-01,")
				.collect(Collectors.joining("\n", HEADER, "\n"));

		var ids = CurrentTenant.callAs(clinic, () -> List.of(submit(first), submit(second)));
		var reports = ids.stream().map(this::awaitFinished).toList();

		assertThat(reports).extracting(RosterImportReport::status).containsOnly(Status.COMPLETED);
		assertThat(reports.stream().mapToLong(RosterImportReport::added).sum()).isEqualTo(4_500);
		assertThat(count("select count(*) from eligibility.member")).isEqualTo(4_500);
	}

	@Test
	void replacesTheRostersOfTwoSponsorsAtTheSameTime() {

		var cascade = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("cascade"), "Cascade Health", SponsorKind.HEALTH_PLAN, null, null));
		var roster = IntStream.range(0, 2_000).mapToObj(i -> "M" + i + ",F" + i + ",L" + i + ",1980-01-01,,2026-01-01,")
				.collect(Collectors.joining("\n", HEADER, "\n"));
		importRoster(roster);
		awaitFinished(CurrentTenant.callAs(clinic, () -> submit(cascade, roster)));

		var changed = roster.replace("M7,F7,L7", "M7,F7,L7-Lee").replace("M9,F9,L9,1980-01-01,,2026-01-01,\n", "");
		var ids = CurrentTenant.callAs(clinic, () -> List.of(submit(acme, changed), submit(cascade, changed)));
		var reports = ids.stream().map(this::awaitFinished).toList();

		assertThat(reports).extracting(RosterImportReport::status, RosterImportReport::updated,
				RosterImportReport::terminated).containsOnly(tuple(Status.COMPLETED, 1L, 1L));
		assertThat(count("select count(*) from eligibility.member")).isEqualTo(4_000);
		assertThat(count("select count(*) from eligibility.member where last_name = 'L7-Lee'")).isEqualTo(2);
	}

	@Test
	void keepsEachClinicsMembersToItself() {

		importRoster(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\n");
		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();

		Long membersSeenByOther = CurrentTenant.callAs(other, () -> transactions
				.execute(status -> jdbc.sql("select count(*) from eligibility.member").query(Long.class).single()));
		assertThat(membersSeenByOther).isZero();
		assertThat(CurrentTenant.callAs(other, () -> sponsors.find(SponsorCode.of("ACME")))).isEmpty();
	}

	@Test
	void storesNamesInAnyScriptAsTheyWereWritten() {

		importRoster(HEADER + "A1,Zoë,Núñez-García,1985-03-14,,2026-01-01,\nA2,美咲,佐藤,1979-11-02,,2025-06-01,\n"
				+ "A3,Ada 🌿,Lind,1970-01-01,,2025-06-01,\n");

		List<String> stored = CurrentTenant.callAs(clinic, () -> transactions.execute(status -> jdbc.sql("""
				select concat_ws(' ', member_id, first_name, last_name, last_name_key) from eligibility.member
				order by member_id""").query(String.class).list()));
		assertThat(stored).containsExactly("A1 Zoë Núñez-García nunezgarcia", "A2 美咲 佐藤 佐藤", "A3 Ada 🌿 Lind lind");
	}

	@Test
	void letsTheApplicationReadRostersOnlyThroughTheClinicsPolicy() {

		importRoster(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\n");
		var partition = "eligibility.member_" + acme.id().id().toString().replace("-", "");

		assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> count("select count(*) from " + partition))
				.satisfies(e -> assertThat(e.getMostSpecificCause()).hasMessageContaining("permission denied"));
		assertThat(count("select count(*) from eligibility.member")).isOne();
	}

	@Test
	void startsNoLoadForAnotherClinicsImport() {

		var id = CurrentTenant.callAs(clinic, () -> submit(HEADER + "A1,Maya,Okafor,1985-03-14,,2026-01-01,\n"));
		awaitFinished(id);
		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();

		assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> CurrentTenant.callAs(other, () -> transactions.execute(status -> jdbc
						.sql("select eligibility.begin_roster_load(?)").param(id.id()).query(String.class).single())))
				.satisfies(e -> assertThat(e.getMostSpecificCause()).hasMessageContaining("no running roster import"));
	}

	@Test
	void readsImportsStoredBeforeReasonsWereCodesWithTheirSentencesAsWritten() {

		var id = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> transactions.executeWithoutResult(status -> jdbc.sql("""
				insert into eligibility.roster_import (id, sponsor_id, status, file_name, file_size, requested_by,
				    created_at, rejected, errors, failure, finished_at)
				values (?, ?, 'FAILED', 'old.csv', 10, 'test', now(), 1,
				    '[{"line": 3, "message": "The date of birth is wrong."}]', 'The file could not be read.', now())""")
				.params(id, acme.id().id()).update()));

		var report = CurrentTenant.callAs(clinic, () -> imports.report(new RosterImportId(id))).orElseThrow();

		assertThat(report.errors()).singleElement().satisfies(error -> {
			assertThat(error.line()).isEqualTo(3);
			assertThat(error.reason().in(messages, Locale.of("es"))).isEqualTo("The date of birth is wrong.");
		});
		assertThat(report.failure().in(messages, Locale.of("es"))).isEqualTo("The file could not be read.");
	}

	@Test
	void putsTheReasonsOfRejectedLinesInTheReadersLanguage() {

		var report = importRoster(HEADER + "A1,Maya,,1985-03-14,,2026-01-01,\n");

		assertThat(report.errors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo("eligibility.roster.error.last-name-missing");
			assertThat(english(error.reason())).isEqualTo("The last name is missing.");
			assertThat(error.reason().in(messages, Locale.of("es"))).isEqualTo("Falta el apellido.");
		});
	}

	private String english(RosterImportReport.Reason reason) {
		return reason.in(messages, Locale.ENGLISH);
	}

	record Enrolled(EnrollmentId enrollment, UUID patientId) {}

	/** An enrollment written directly: the signup itself is tested in SignupTests. */
	Enrolled enroll(String memberId) {
		var enrolled = new Enrolled(new EnrollmentId(UUID.randomUUID()), UUID.randomUUID());
		CurrentTenant.runAs(clinic, () -> transactions.executeWithoutResult(status -> jdbc.sql("""
				insert into eligibility.enrollment (tenant_id, id, sponsor_id, member_id, patient_id, account_id,
				    username, email, state, time_zone, enrolled_at)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?, ?, ?, 'WA', 'America/Los_Angeles', now())""")
				.params(enrolled.enrollment().id(), acme.id().id(), memberId, enrolled.patientId(),
						UUID.randomUUID().toString(), "u-" + memberId, memberId + "@example.com")
				.update()));
		return enrolled;
	}

	RosterImportReport importRoster(String content) {
		return awaitFinished(CurrentTenant.callAs(clinic, () -> submit(content)));
	}

	RosterImportId submit(String content) {
		return submit(acme, content);
	}

	RosterImportId submit(SponsorSummary sponsor, String content) {
		return imports.submit(sponsor, "roster.csv", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
				"test");
	}

	RosterImportReport awaitFinished(RosterImportId id) {
		return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
				.until(() -> CurrentTenant.callAs(clinic, () -> imports.report(id)).orElseThrow(),
						report -> report.status().finished());
	}

	List<String> members() {
		return CurrentTenant.callAs(clinic, () -> transactions.execute(status -> jdbc.sql("""
				select member_id || ' ' || last_name || ' ' || date_of_birth || ' ' || coalesce(coverage_end::text, 'open')
				from eligibility.member order by member_id""").query(String.class).list()));
	}

	List<String> snapshot() {
		return CurrentTenant.callAs(clinic, () -> transactions.execute(status -> jdbc.sql("""
				select row(m.*)::text from eligibility.member m order by member_id""").query(String.class).list()));
	}

	long count(String sql) {
		return CurrentTenant.callAs(clinic,
				() -> transactions.execute(status -> jdbc.sql(sql).query(Long.class).single()));
	}
}
