package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.PatientId;
import health.stride.patients.TimeWindow;
import health.stride.platform.database.TimeOrderedQueries;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A page of a long history reads the page, not the history: with 2,000 sessions of one patient (as many of
 * another, and fifty each of a hundred more), PostgreSQL answers the first 51 of them, as the application's own
 * role under row-level security, from the index on the patient and the time, stopping after about a page of rows.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class WindowPlanTests {

	private static final Pattern SCAN = Pattern.compile("Index Scan(?: Backward)? using (\\w+) on session .*?rows=(\\d+) loops=(\\d+)");

	private final JdbcClient jdbc;
	private final ClinicRegistry clinics;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private final PatientId maya = new PatientId(UUID.randomUUID());
	private final PatientId leo = new PatientId(UUID.randomUUID());

	private final JdbcConnectionDetails database;

	WindowPlanTests(JdbcClient jdbc, ClinicRegistry clinics, JdbcConnectionDetails database,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.database = database;
		this.clinics = clinics;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void twoThousandSessionsEach() throws SQLException {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		for (var patient : List.of(maya, leo)) {
			CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
					insert into programs.session (patient_id, id, idempotency_key, performed_at, recorded_at, plan_version,
					    pain_before, pain_after, symptom_shift, walking_minutes, flare)
					select ?, gen_random_uuid(), 'k-' || gen_random_uuid(), now() - make_interval(hours => i), now(), 1,
					       i % 11, (i + 3) % 11, 'NONE', case when i % 4 = 0 then 20 end, false
					from generate_series(1, 2000) i""").param(patient.id()).update()));
		}
		// a clinic's caseload: a hundred more patients with fifty sessions each
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into programs.session (patient_id, id, idempotency_key, performed_at, recorded_at, plan_version,
				    pain_before, pain_after, symptom_shift, walking_minutes, flare)
				select p.id, gen_random_uuid(), 'k-' || gen_random_uuid(), now() - make_interval(hours => i), now(), 1,
				       i % 11, (i + 3) % 11, 'NONE', null, false
				from (select gen_random_uuid() id from generate_series(1, 100)) p, generate_series(1, 50) i""").update()));
		// the statistics autovacuum keeps in production; only the tables' owner may gather them
		try (var owner = DriverManager.getConnection(database.getJdbcUrl(), "stride_owner", "stride-owner");
				var statement = owner.createStatement()) {
			statement.execute("analyze programs.session");
		}
	}

	@Test
	void thePatientsPageComesFromTheirIndexInEitherOrder() {
		for (var newestFirst : List.of(true, false)) {
			var plan = explain(new TimeWindow(List.of(maya), null, null, newestFirst, 51));
			var scan = SCAN.matcher(plan);
			assertThat(scan.find()).as(plan).isTrue();
			assertThat(scan.group(1)).as(plan).isEqualTo("session_timeline");
			assertThat(Integer.parseInt(scan.group(2))).as("rows read for a page of 51: " + plan).isLessThanOrEqualTo(60);
			assertThat(plan).doesNotContain("Seq Scan");
		}
	}

	@Test
	void theClinicsPageComesFromTheTimeIndex() {
		var plan = explain(new TimeWindow(null, null, null, true, 51));
		var scan = SCAN.matcher(plan);
		assertThat(scan.find()).as(plan).isTrue();
		assertThat(scan.group(1)).as(plan).isEqualTo("session_by_time");
		assertThat(Integer.parseInt(scan.group(2))).as("rows read for a page of 51: " + plan).isLessThanOrEqualTo(60);
	}

	@Test
	void thePatientsTimelineIsReadFromItsIndexAloneInItsOrder() throws Exception {
		// the visibility map autovacuum keeps in production, so PostgreSQL may skip the table's pages; a
		// transaction open elsewhere in the database (a scheduled job's) keeps pages from being marked visible,
		// so vacuum again until every page is
		try (var owner = DriverManager.getConnection(database.getJdbcUrl(), "stride_owner", "stride-owner");
				var statement = owner.createStatement()) {
			for (int attempt = 0; attempt < 40 && !allVisible(statement); attempt++) {
				Thread.sleep(250);
			}
		}
		var plan = CurrentTenant.callAs(clinic, () -> transaction.execute(status -> String.join("\n",
				jdbc.sql("explain (analyze, costs off, timing off) select id, performed_at, pain_before, pain_after,"
						+ " symptom_shift from programs.session where patient_id = ? order by performed_at desc, id"
						+ " limit 50 offset 100").param(maya.id()).query(String.class).list())));
		var scan = Pattern.compile("Index Only Scan using (\\w+) on session .*?rows=(\\d+) loops=").matcher(plan);
		assertThat(scan.find()).as(plan).isTrue();
		assertThat(scan.group(1)).as(plan).isEqualTo("session_timeline");
		assertThat(Integer.parseInt(scan.group(2))).as("rows read for a page of 50 at 100: " + plan).isLessThanOrEqualTo(150);
		assertThat(plan).doesNotContain("Sort");
	}

	private static boolean allVisible(Statement owner) throws SQLException {
		owner.execute("vacuum analyze programs.session");
		try (var pages = owner.executeQuery(
				"select relallvisible >= relpages from pg_class where oid = 'programs.session'::regclass")) {
			return pages.next() && pages.getBoolean(1);
		}
	}

	/** The plan PostgreSQL ran for the sessions' query of the window, with the rows each step read. */
	private String explain(TimeWindow window) {
		var query = TimeOrderedQueries.of(window.query(), "patient_id, id, performed_at, pain_before, pain_after, walking_minutes",
				"programs.session", "performed_at", "id", "true");
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> String.join("\n",
				jdbc.sql("explain (analyze, costs off, timing off) " + query.sql()).params(query.params())
						.query(String.class).list())));
	}
}
