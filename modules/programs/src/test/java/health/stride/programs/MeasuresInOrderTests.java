package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.TimeWindow;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Sessions.Measures;

/**
 * Sessions, walks and re-ratings read a window at a time, as the FHIR API pages through a long history:
 * whose, within which moments, which way, how many, ties in id order, and nothing of another clinic.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class MeasuresInOrderTests {

	private final Sessions sessions;
	private final Walks walks;
	private final PsfsRatings ratings;
	private final PatientDirectory patients;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;
	private PatientId leo;
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	MeasuresInOrderTests(Sessions sessions, Walks walks, PsfsRatings ratings, PatientDirectory patients,
			ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.sessions = sessions;
		this.walks = walks;
		this.ratings = ratings;
		this.patients = patients;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void twoPatients() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		maya = register("Maya");
		leo = register("Leo");
	}

	@Test
	void sessionsComeInTheWindowsOrderWithTiesInIdOrderAndCutAtItsLimit() {

		// two of Maya's sessions at one moment: a uuid starting with f sorts after one starting with 0, as in PostgreSQL
		var tieLow = UUID.fromString("0aaaaaaa-0000-4000-8000-000000000000");
		var tieHigh = UUID.fromString("faaaaaaa-0000-4000-8000-000000000000");
		var expected = List.of(
				session(maya, UUID.randomUUID(), 1, 2, 3, null),
				session(leo, UUID.randomUUID(), 2, 4, 4, 20),
				session(maya, tieLow, 3, 5, 6, null),
				session(maya, tieHigh, 3, 6, 5, 15),
				session(leo, UUID.randomUUID(), 4, 7, 7, null),
				session(maya, UUID.randomUUID(), 5, 8, 6, 30));
		var both = List.of(maya, leo);

		assertThat(as(() -> sessions.measuresInOrder(new TimeWindow(both, null, null, true, 10), false)))
				.containsExactlyElementsOf(expected);
		assertThat(as(() -> sessions.measuresInOrder(new TimeWindow(both, null, null, true, 4), false)))
				.containsExactlyElementsOf(expected.subList(0, 4));
		assertThat(as(() -> sessions.measuresInOrder(new TimeWindow(both, null, null, false, 3), false)))
				.as("oldest first, the tie still in id order")
				.containsExactly(expected.get(5), expected.get(4), expected.get(2));
		assertThat(as(() -> sessions.measuresInOrder(new TimeWindow(List.of(maya), null, null, true, 10), true)))
				.as("Maya's sessions with walking").containsExactly(expected.get(3), expected.get(5));
		assertThat(as(() -> sessions.measuresInOrder(new TimeWindow(both, daysAgo(4), daysAgo(2), true, 10), false)))
				.as("from is inclusive, until exclusive").containsExactlyElementsOf(expected.subList(2, 5));
		assertThat(as(() -> sessions.measuresInOrder(new TimeWindow(null, null, null, true, 2), false)))
				.as("the whole clinic").containsExactlyElementsOf(expected.subList(0, 2));
		assertThat(as(() -> sessions.measuresInOrder(new TimeWindow(List.of(), null, null, true, 10), false))).isEmpty();

		assertThat(as(() -> sessions.measures(tieHigh))).contains(expected.get(3));
		assertThat(as(() -> sessions.measures(UUID.randomUUID()))).isEmpty();
		var elsewhere = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Other").tenant();
		Optional<Measures> seenElsewhere = CurrentTenant.callAs(elsewhere,
				() -> transaction.execute(status -> sessions.measures(tieHigh)));
		assertThat(seenElsewhere).isEmpty();
		List<Measures> listedElsewhere = CurrentTenant.callAs(elsewhere, () -> transaction.execute(
				status -> sessions.measuresInOrder(new TimeWindow(both, null, null, true, 10), false)));
		assertThat(listedElsewhere).isEmpty();
	}

	@Test
	void walksComeInTheWindowsOrder() {

		var first = as(() -> walks.log(maya, "walk-" + UUID.randomUUID(), 12, "FLAT", 2, 3, "NONE"));
		var second = as(() -> walks.log(leo, "walk-" + UUID.randomUUID(), 20, "HILLS", 3, 5, "NONE"));
		var third = as(() -> walks.log(maya, "walk-" + UUID.randomUUID(), 8, "POOL", 4, 2, "CENTRALIZING"));
		var both = List.of(maya, leo);

		assertThat(third.patient()).isEqualTo(maya);
		assertThat(as(() -> walks.inOrder(new TimeWindow(both, null, null, true, 10))))
				.containsExactly(third, second, first);
		assertThat(as(() -> walks.inOrder(new TimeWindow(both, null, null, false, 2)))).containsExactly(first, second);
		assertThat(as(() -> walks.inOrder(new TimeWindow(List.of(maya), second.walkedAt(), null, true, 10))))
				.containsExactly(third);
		assertThat(as(() -> walks.find(second.id()))).contains(second);
		assertThat(as(() -> walks.find(UUID.randomUUID()))).isEmpty();
	}

	@Test
	void reRatingsComeInTheWindowsOrderWithTheirItems() {

		var older = rating(maya, 30, List.of(new PsfsItem("Lifting my daughter", 4), new PsfsItem("Sitting at work", 5)));
		var newer = rating(maya, 2, List.of(new PsfsItem("Lifting my daughter", 6), new PsfsItem("Sitting at work", 7)));
		var leos = rating(leo, 10, List.of(new PsfsItem("Running", 2)));

		var newestFirst = as(() -> ratings.inOrder(new TimeWindow(List.of(maya, leo), null, null, true, 10)));
		assertThat(newestFirst).extracting(PsfsRatings.PsfsRating::id).containsExactly(newer, leos, older);
		assertThat(newestFirst.getFirst().items()).containsExactly(new PsfsItem("Lifting my daughter", 6),
				new PsfsItem("Sitting at work", 7));
		assertThat(newestFirst.getFirst().ratedAt()).isEqualTo(daysAgo(2));
		assertThat(as(() -> ratings.inOrder(new TimeWindow(List.of(maya), null, null, false, 1))))
				.extracting(PsfsRatings.PsfsRating::id).containsExactly(older);
		assertThat(as(() -> ratings.find(leos))).hasValueSatisfying(it -> {
			assertThat(it.patient()).isEqualTo(leo);
			assertThat(it.items()).containsExactly(new PsfsItem("Running", 2));
		});
	}

	private Instant daysAgo(int days) {
		return now.minus(Duration.ofDays(days));
	}

	private Measures session(PatientId patient, UUID id, int daysAgo, int before, int after, @Nullable Integer walked) {
		sql("""
				insert into programs.session (patient_id, id, idempotency_key, performed_at, recorded_at, plan_version,
				    pain_before, pain_after, symptom_shift, walking_minutes, flare)
				values (?, ?, ?, ?, now(), 1, ?, ?, 'NONE', ?, false)""",
				patient.id(), id, "k-" + UUID.randomUUID(), Timestamp.from(daysAgo(daysAgo)), before, after, walked);
		return new Measures(id, patient, daysAgo(daysAgo), before, after, walked);
	}

	private UUID rating(PatientId patient, int daysAgo, List<PsfsItem> items) {
		var id = UUID.randomUUID();
		var json = items.stream().map(it -> "{\"activity\": \"%s\", \"score\": %d}".formatted(it.activity(), it.score()))
				.collect(java.util.stream.Collectors.joining(", ", "[", "]"));
		sql("""
				insert into programs.psfs_assessment (patient_id, id, assessed_at, items, mean)
				values (?, ?, ?, ?::jsonb, 5)""", patient.id(), id, Timestamp.from(daysAgo(daysAgo)), json);
		return id;
	}

	private void sql(String sql, Object... params) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql(sql).params(params).update()));
	}

	private PatientId register(String firstName) {
		return CurrentTenant.callAs(clinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				firstName.toLowerCase() + "-" + UUID.randomUUID(), firstName, "Tester", LocalDate.of(1980, 1, 1),
				"p@example.org", null, "WA", "America/Los_Angeles")));
	}

	private <T> T as(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> work.get()));
	}
}
