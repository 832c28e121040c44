package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.Aggravator;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.Diagnosis;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** A patient's PSFS ratings come back whole, by id or a page at a time by patient and time, newest first. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class PsfsRatingsTests {

	private final PsfsRatings ratings;
	private final Outcomes outcomes;
	private final PatientDirectory patients;
	private final Consents consents;
	private final Intakes intakes;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;
	private PatientId leo;

	PsfsRatingsTests(PsfsRatings ratings, Outcomes outcomes, PatientDirectory patients, Consents consents,
			Intakes intakes, ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.ratings = ratings;
		this.outcomes = outcomes;
		this.patients = patients;
		this.consents = consents;
		this.intakes = intakes;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void twoPatientsWithTheirIntakes() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		maya = withIntake("maya");
		leo = withIntake("leo");
	}

	@Test
	void aRatingComesBackWholeAndPagesNewestFirstWithinTheirTimes() {

		as(() -> outcomes.ratePsfs(maya, List.of(5, 6)));
		var rated = as(() -> ratings.page(List.of(maya), null, null, 0, 10));
		assertThat(rated).singleElement().satisfies(it -> {
			assertThat(it.patient()).isEqualTo(maya);
			assertThat(it.items()).containsExactly(new PsfsItem("Picking up my daughter", 5), new PsfsItem("Sitting at work", 6));
			assertThat(as(() -> ratings.find(it.id()))).contains(it);
		});

		var now = Instant.now();
		var monthAgo = rating(maya, now.minus(Duration.ofDays(30)), 3, 4);
		var leos = rating(leo, now.minus(Duration.ofDays(10)), 7, 8);

		assertThat(as(() -> ratings.page(List.of(maya), null, null, 0, 10))).extracting(PsfsRatings.PsfsRating::id)
				.containsExactly(rated.get(0).id(), monthAgo);
		assertThat(as(() -> ratings.page(null, null, null, 0, 10))).extracting(PsfsRatings.PsfsRating::id)
				.containsExactly(rated.get(0).id(), leos, monthAgo);
		assertThat(as(() -> ratings.page(null, null, null, 1, 1))).extracting(PsfsRatings.PsfsRating::id)
				.containsExactly(leos);
		assertThat(as(() -> ratings.page(null, now.minus(Duration.ofDays(20)), null, 0, 10)))
				.extracting(PsfsRatings.PsfsRating::id).containsExactly(rated.get(0).id(), leos);
		assertThat(as(() -> ratings.page(null, null, now.minus(Duration.ofDays(10)), 0, 10)))
				.as("until is exclusive").extracting(PsfsRatings.PsfsRating::id).containsExactly(monthAgo);
		assertThat(as(() -> ratings.page(List.of(), null, null, 0, 10))).isEmpty();
		assertThat(as(() -> ratings.find(UUID.randomUUID()))).isEmpty();

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThat(CurrentTenant.callAs(other, () -> ratings.find(leos))).isEmpty();
		assertThat(CurrentTenant.callAs(other, () -> ratings.page(null, null, null, 0, 10))).isEmpty();
	}

	private PatientId withIntake(String name) {
		return as(() -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient." + name + "." + UUID.randomUUID(),
					name, "Tester", LocalDate.of(1984, 3, 14), name + "@example.org", null, "WA", "America/Los_Angeles"));
			for (var document : ConsentDocument.values()) {
				consents.accept(id, document, consents.currentVersion(document));
			}
			intakes.submit(id, new IntakeAnswers(Set.of(PainRegion.LOW_BACK), 6, PainDuration.SUBACUTE,
					Set.of(Aggravator.SITTING), Set.of(Diagnosis.SCIATICA), "Work a full day",
					List.of(new PsfsItem("Picking up my daughter", 3), new PsfsItem("Sitting at work", 4)), Set.of()));
			return id;
		});
	}

	private UUID rating(PatientId patient, Instant at, int first, int second) {
		var id = UUID.randomUUID();
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql("""
				insert into programs.psfs_assessment (patient_id, id, assessed_at, items, mean)
				values (?, ?, ?, ?::jsonb, ?)""")
				.params(patient.id(), id, java.sql.Timestamp.from(at), """
						[{"activity": "Picking up my daughter", "score": %d}, {"activity": "Sitting at work", "score": %d}]"""
						.formatted(first, second), (first + second) / 2.0)
				.update()));
		return id;
	}

	private <T> T as(Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}
}
