package health.stride.app;

import static org.assertj.core.api.Assertions.*;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.modulith.events.core.EventSerializer;

import health.stride.patients.IntakeCompleted;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlagsReported;
import health.stride.platform.events.CompletedPublicationsPurge;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.PainFlareReported;
import health.stride.programs.ProgressionSuggested;

/**
 * Reads PostgreSQL's catalogue after every module migrated a clean database, so that no table a
 * future migration adds can skip the tenancy rules.
 */
@SpringBootTest
@AutoConfigureMockMvc // unused here, but the same application context as the MockMvc tests', not one more
class MigrationTests {

	@Autowired FlywayConnectionDetails owner;
	@Autowired EventSerializer serializer;

	/** As the owner, who sees the whole catalogue. */
	JdbcClient catalogue() {
		return JdbcClient.create(new DriverManagerDataSource(owner.getJdbcUrl(), owner.getUsername(), owner.getPassword()));
	}

	record TenantTable(String name, boolean rowSecurity, boolean forced, int tenantColumn, String policies,
			boolean primaryKeyStartsWithTenant) {}

	List<TenantTable> tenantOwnedTables() {
		return catalogue().sql("""
				select c.oid::regclass::text as name,
				       c.relrowsecurity as row_security,
				       c.relforcerowsecurity as forced,
				       a.attnum as tenant_column,
				       coalesce((select string_agg(p.polname, ',') from pg_policy p where p.polrelid = c.oid), '') as policies,
				       exists(select 1 from pg_constraint k
				              where k.conrelid = c.oid and k.contype = 'p' and k.conkey[1] = a.attnum)
				         as primary_key_starts_with_tenant
				from pg_class c
				join pg_namespace n on n.oid = c.relnamespace
				join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
				where c.relkind in ('r', 'p')
				  and n.nspname not in ('pg_catalog', 'information_schema')
				order by 1""")
				.query(TenantTable.class)
				.list();
	}

	@Test
	void migratesEveryModuleIntoItsOwnSchema() {

		var histories = catalogue().sql("""
				select tablename from pg_tables where tablename like 'flyway_schema_history%' order by 1""")
				.query(String.class).list();

		assertThat(histories).contains("flyway_schema_history", "flyway_schema_history_careteams");
		assertThat(tenantOwnedTables()).extracting(TenantTable::name).contains("careteams.clinician");
	}

	@Test
	void enablesAndForcesRowLevelSecurityOnEveryTenantOwnedTable() {

		assertThat(tenantOwnedTables()).isNotEmpty().allSatisfy(table -> {
			assertThat(table.rowSecurity()).as("%s has row-level security", table.name()).isTrue();
			assertThat(table.forced()).as("%s forces row-level security on its owner", table.name()).isTrue();
			assertThat(table.policies()).as("%s has the tenant policy", table.name()).contains("tenant_isolation");
		});
	}

	@Test
	void keysEveryTenantOwnedTableByTenantFirst() {

		assertThat(tenantOwnedTables()).isNotEmpty().allSatisfy(table -> {
			assertThat(table.tenantColumn()).as("tenant_id is the first column of %s", table.name()).isEqualTo(1);
			if (!isRoster(table)) {
				assertThat(table.primaryKeyStartsWithTenant())
						.as("the primary key of %s starts with tenant_id", table.name()).isTrue();
			}
		});
	}

	/**
	 * The rosters are the exception (decision 9): each sponsor's partition of eligibility.member
	 * holds one clinic's rows, so its key starts with the member; a check constraint pins the
	 * clinic instead, and the application reaches the rows only through the parent's policy.
	 */
	static boolean isRoster(TenantTable table) {
		return table.name().equals("eligibility.member") || table.name().startsWith("eligibility.member_");
	}

	@Test
	void pinsEveryRosterPartitionToOneClinicAndKeepsTheApplicationOut() {

		var partitions = catalogue().sql("""
				select c.oid::regclass::text as name,
				       exists(select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'c'
				              and pg_get_constraintdef(k.oid) like 'CHECK ((tenant_id = %') as pinned,
				       has_table_privilege('stride_app', c.oid, 'select, insert, update, delete') as reachable
				from pg_inherits i join pg_class c on c.oid = i.inhrelid
				where i.inhparent = 'eligibility.member'::regclass""")
				.query((row, number) -> new Object[] { row.getString("name"), row.getBoolean("pinned"),
						row.getBoolean("reachable") })
				.list();

		assertThat(partitions).allSatisfy(partition -> {
			assertThat(partition[1]).as("%s pins its clinic", partition[0]).isEqualTo(true);
			assertThat(partition[2]).as("%s is out of the application's reach", partition[0]).isEqualTo(false);
		});
		assertThat(tenantOwnedTables()).filteredOn(MigrationTests::isRoster).extracting(TenantTable::name)
				.contains("eligibility.member");
	}

	@Test
	void letsForeignKeysBetweenTenantOwnedTablesIncludeTheTenant() {

		var foreignKeysWithoutTenant = catalogue().sql("""
				select k.conname
				from pg_constraint k
				join pg_attribute t on t.attrelid = k.confrelid and t.attname = 'tenant_id'
				join pg_attribute s on s.attrelid = k.conrelid and s.attname = 'tenant_id'
				where k.contype = 'f'
				  and not (s.attnum = any (k.conkey) and t.attnum = any (k.confkey))""")
				.query(String.class).list();

		assertThat(foreignKeysWithoutTenant).isEmpty();
	}

	@Test
	void leavesTheApplicationRoleOwningNothing() {

		var owned = catalogue().sql("""
				select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where c.relowner = 'stride_app'::regrole""")
				.query(Integer.class).single();
		var schemasOwned = catalogue().sql("select count(*) from pg_namespace where nspowner = 'stride_app'::regrole")
				.query(Integer.class).single();

		assertThat(owned).isZero();
		assertThat(schemasOwned).isZero();
	}

	@Test
	void schedulesThePurgeOfCompletedPublications(@Autowired ApplicationContext context) {
		assertThat(context.getBeanNamesForType(CompletedPublicationsPurge.class)).hasSize(1);
	}

	/**
	 * Publications stored while events still carried clinical values are rewritten to exactly what
	 * Jackson writes for the events now: nothing clinical stays, and the registry still finds an
	 * incomplete one by its text when a restart re-publishes it.
	 */
	@Test
	void rewritesStoredPublicationsToEventsWithoutClinicalValues() {

		var tenant = TenantId.of("northside");
		var patient = new PatientId(UUID.randomUUID());
		var at = Instant.parse("2026-11-30T10:15:30Z");
		var now = new LinkedHashMap<Object, String>(); // each event, as stored before
		now.put(new IntakeCompleted(tenant, patient), trailing(new IntakeCompleted(tenant, patient),
				",\"proneIntolerant\":true,\"extensionIntolerant\":false,\"flexionTriggered\":true,\"painNow\":6,"
						+ "\"duration\":\"ACUTE\",\"state\":\"WA\""));
		var report = new RedFlagsReported(tenant, patient, UUID.randomUUID());
		now.put(report, trailing(report, ",\"emergency\":true"));
		var flare = new PainFlareReported(tenant, patient, UUID.randomUUID(), at);
		now.put(flare, trailing(flare, ",\"painBefore\":3,\"painAfter\":6,\"peripheralizing\":true"));
		var suggestion = new ProgressionSuggested(tenant, patient, UUID.randomUUID(), at);
		now.put(suggestion, serialized(suggestion).replace(",\"at\":",
				",\"reason\":\"Pain \\\"at most\\\" 3, no flare\",\"at\":"));

		var ids = new LinkedHashMap<UUID, Object>();
		now.forEach((event, before) -> {
			var id = UUID.randomUUID();
			catalogue().sql("""
					insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
					    completion_date, status, completion_attempts)
					values (?, 'migration-tests', ?, ?, now(), now(), 'COMPLETED', 1)""")
					.params(id, event.getClass().getName(), before).update();
			ids.put(id, event);
		});
		try {
			new ResourceDatabasePopulator(new ClassPathResource(
					"db/migration/__root/V6__events_without_clinical_values.sql")).execute(owner());

			ids.forEach((id, event) -> assertThat(catalogue()
					.sql("select serialized_event from event_publication where id = ?").param(id).query(String.class)
					.single()).as(event.getClass().getSimpleName()).isEqualTo(serialized(event))
					.doesNotContain("pain", "emergency", "reason", "Intolerant"));
		} finally {
			catalogue().sql("delete from event_publication where listener_id = 'migration-tests'").update();
		}
	}

	String serialized(Object event) {
		return serializer.serialize(event).toString();
	}

	/** The event as Jackson wrote it when the record had more components after its present ones. */
	String trailing(Object event, String removedComponents) {
		var json = serialized(event);
		return json.substring(0, json.length() - 1) + removedComponents + "}";
	}

	DriverManagerDataSource owner() {
		return new DriverManagerDataSource(owner.getJdbcUrl(), owner.getUsername(), owner.getPassword());
	}
}
