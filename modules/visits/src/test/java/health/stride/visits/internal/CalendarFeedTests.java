package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.VisitsFixtures;

/**
 * A clinician's private calendar feed: opened by its token alone, from no clinic; a new feed or a
 * revocation closes the old one; it shows booked visits as "Stride visit" and nobody's name; and
 * the database shows a feed's row to no other clinic and, without a clinic, only to its token.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class CalendarFeedTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private final CalendarFeeds feeds;
	private final Visits visits;
	private final Schedules schedules;
	private final Hosts hosts;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcConnectionDetails database;

	private TenantId clinic;
	private UUID alex;
	private StrideUser admin;

	CalendarFeedTests(CalendarFeeds feeds, Visits visits, Schedules schedules, Hosts hosts, VisitTypes types,
			PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics, JdbcConnectionDetails database) {
		this.feeds = feeds;
		this.visits = visits;
		this.schedules = schedules;
		this.hosts = hosts;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.database = database;
	}

	@BeforeEach
	void aClinicWithATherapist() {
		clinic = VisitsFixtures.clinic(clinics, types, "Northside Physio");
		admin = VisitsFixtures.user(clinic, "admin.kim", Role.CLINIC_ADMIN);
		alex = CurrentTenant.callAs(clinic, () -> VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.alex",
				"Alex Morgan, PT", HostKind.THERAPIST, NEW_YORK, Duration.ZERO)).clinicianId();
	}

	PatientId patient(String username) {
		return CurrentTenant.callAs(clinic, () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), username, "Maya", "Okafor",
					LocalDate.of(1986, 4, 12), username + "@example.org", null, "NY", "America/New_York"));
			careTeams.assign(id, new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"), null);
			return id;
		});
	}

	Instant inDays(int days, int hour) {
		return LocalDate.now(NEW_YORK).plusDays(days).atTime(hour, 0).atZone(NEW_YORK).toInstant();
	}

	@Test
	void opensOnlyWithTheCurrentTokenAndFromNoClinic() {

		var first = CurrentTenant.callAs(clinic, () -> feeds.create(alex));
		assertThat(CurrentTenant.get()).isEmpty();
		assertThat(feeds.owner(first)).contains(new CalendarFeeds.Owner(clinic, alex));

		var second = CurrentTenant.callAs(clinic, () -> feeds.create(alex));
		assertThat(second).isNotEqualTo(first).hasSize(43);
		assertThat(feeds.owner(first)).as("a new feed revokes the one before").isEmpty();
		assertThat(feeds.owner(second)).contains(new CalendarFeeds.Owner(clinic, alex));

		assertThat(feeds.owner(second.substring(1) + "A")).as("a made-up token").isEmpty();
		assertThat(feeds.owner("not a token")).isEmpty();
		assertThat(feeds.owner(second + "\0")).isEmpty();

		CurrentTenant.runAs(clinic, () -> feeds.revoke(alex));
		assertThat(feeds.owner(second)).as("a revoked feed").isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> feeds.createdAt(alex))).isEmpty();
	}

	@Test
	void listsBookedVisitsAsStrideVisitsWithoutNames() throws Exception {

		var maya = patient("patient.maya");
		var ruth = patient("patient.ruth");
		var kept = inDays(2, 9);
		var cancelled = inDays(3, 9);
		var visit = CurrentTenant.callAs(clinic, () -> visits.book(admin, maya, alex, "follow-up", kept));
		var other = CurrentTenant.callAs(clinic, () -> visits.book(admin, ruth, alex, "initial-evaluation", cancelled));
		CurrentTenant.runAs(clinic, () -> visits.cancel(admin, other, null));

		var ics = CurrentTenant.callAs(clinic, () -> feeds.feed(alex, Locale.ENGLISH));

		assertThat(ics).doesNotContain("Maya", "Okafor", "Ruth", "Follow-up", "evaluation", "Alex");
		var calendar = new CalendarBuilder().build(new StringReader(ics));
		assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("PUBLISH");
		List<VEvent> events = calendar.getComponents("VEVENT");
		assertThat(events).hasSize(1);
		var event = events.getFirst();
		assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo("visit-" + visit.id() + "@stride");
		assertThat(event.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo("Stride visit");
		assertThat(event.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo(
				java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
						.format(kept));
		assertThat(event.getProperty("URL").orElseThrow().getValue()).endsWith("/schedule");
	}

	@Test
	void showsAFeedToNoOtherClinicAndWithoutAClinicOnlyToItsToken() throws SQLException {

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		var token = CurrentTenant.callAs(clinic, () -> feeds.create(alex));
		var digest = HexFormat.of().formatHex(CalendarFeeds.digest(token));

		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			connection.setAutoCommit(false);
			assertThat(database.getUsername()).isEqualTo("stride_app");

			set(connection, "stride.tenant_id", other.value());
			assertThat(count(connection, "select count(*) from visits.calendar_feed")).as("another clinic").isZero();
			try (var update = connection.prepareStatement("delete from visits.calendar_feed where host_id = ?")) {
				update.setObject(1, alex);
				assertThat(update.executeUpdate()).as("rows another clinic could delete").isZero();
			}
			connection.rollback();

			assertThat(count(connection, "select count(*) from visits.calendar_feed")).as("no clinic, no token").isZero();
			set(connection, "stride.calendar_feed", HexFormat.of().formatHex(CalendarFeeds.digest("x".repeat(43))));
			assertThat(count(connection, "select count(*) from visits.calendar_feed")).as("another token").isZero();
			set(connection, "stride.calendar_feed", digest);
			assertThat(count(connection, "select count(*) from visits.calendar_feed")).as("its token").isEqualTo(1);
			try (var update = connection.prepareStatement("update visits.calendar_feed set created_at = now()")) {
				assertThat(update.executeUpdate()).as("the token opens the row for reading only").isZero();
			}
			connection.rollback();

			set(connection, "stride.tenant_id", clinic.value());
			assertThat(count(connection, "select count(*) from visits.calendar_feed")).as("its own clinic").isEqualTo(1);
			connection.rollback();
		}
	}

	private static void set(Connection connection, String name, String value) throws SQLException {
		try (var bind = connection.prepareStatement("select set_config(?, ?, true)")) {
			bind.setString(1, name);
			bind.setString(2, value);
			bind.execute();
		}
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}
}
