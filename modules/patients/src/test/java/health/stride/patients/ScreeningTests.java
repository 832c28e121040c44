package health.stride.patients;

import static health.stride.patients.PatientFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Mood screening after the intake: what is due when, an urgent answer announced and audited without a
 * score in the event, a clinician's review, and another clinic that neither sees nor writes a row.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class ScreeningTests {

	private final PatientDirectory directory;
	private final Consents consents;
	private final Intakes intakes;
	private final Screenings screenings;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final JdbcConnectionDetails database;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;

	ScreeningTests(PatientDirectory directory, Consents consents, Intakes intakes, Screenings screenings,
			ClinicRegistry clinics, JdbcClient jdbc, JdbcConnectionDetails database, PlatformTransactionManager transactions) {
		this.directory = directory;
		this.consents = consents;
		this.intakes = intakes;
		this.screenings = screenings;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.database = database;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aPatientWhoFinishedTheIntake() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		maya = as(() -> directory.register(patient("patient.maya", "WA")));
		as(() -> {
			for (var document : ConsentDocument.values()) {
				consents.accept(maya, document, consents.currentVersion(document));
			}
			return intakes.submit(maya, answers());
		});
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void asksNothingBeforeTheIntakeThenThePhq2AndGad7AndThePhq9AtOnceAfterAPositivePhq2() {

		var leo = as(() -> directory.register(patient("patient.leo", "WA")));
		assertThat(as(() -> screenings.due(leo))).as("before the intake").isEmpty();

		assertThat(as(() -> screenings.due(maya))).containsExactlyInAnyOrder(Instrument.PHQ2, Instrument.GAD7);

		var phq2 = as(() -> screenings.answer(maya, Instrument.PHQ2, List.of(2, 1)));
		assertThat(phq2.score()).isEqualTo(3);
		assertThat(phq2.severity()).isEqualTo(Instrument.Severity.POSITIVE);
		assertThat(as(() -> screenings.due(maya))).containsExactlyInAnyOrder(Instrument.PHQ9, Instrument.GAD7);

		as(() -> screenings.answer(maya, Instrument.PHQ9, List.of(2, 1, 1, 1, 0, 0, 0, 0, 0)));
		as(() -> screenings.answer(maya, Instrument.GAD7, List.of(1, 1, 1, 1, 1, 0, 0)));
		assertThat(as(() -> screenings.due(maya))).isEmpty();
		assertThat(as(() -> screenings.of(maya))).extracting(Screenings.Screening::instrument)
				.containsExactly(Instrument.GAD7, Instrument.PHQ9, Instrument.PHQ2);
	}

	@Test
	void storesADueQuestionnaireOnceWhenTwoSubmissionsOfItRace() throws Exception {

		var start = new java.util.concurrent.CyclicBarrier(2);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			java.util.concurrent.Callable<Boolean> submit = () -> {
				start.await(10, java.util.concurrent.TimeUnit.SECONDS);
				return as(() -> screenings.answerIfDue(maya, Instrument.PHQ2, List.of(1, 1))).isPresent();
			};
			var first = pool.submit(submit);
			var second = pool.submit(submit);
			assertThat(List.of(first.get(30, java.util.concurrent.TimeUnit.SECONDS),
					second.get(30, java.util.concurrent.TimeUnit.SECONDS))).containsExactlyInAnyOrder(true, false);
		} finally {
			pool.shutdownNow();
		}
		assertThat(as(() -> screenings.of(maya))).extracting(Screenings.Screening::instrument)
				.containsExactly(Instrument.PHQ2);
		// not due any more: a later submission of the same page stores nothing either
		assertThat(as(() -> screenings.answerIfDue(maya, Instrument.PHQ2, List.of(0, 0)))).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> as(() -> screenings.answerIfDue(maya, Instrument.GAD7,
				List.of(4, 0, 0, 0, 0, 0, 0))));
	}

	@Test
	void asksThePhq2AgainFourWeeksAfterTheLastAndTheGad7OnlyOnce() {

		var fiveWeeksAgo = Instant.now().minus(Duration.ofDays(35));
		as(() -> screenings.answer(maya, Instrument.PHQ2, List.of(0, 1), fiveWeeksAgo));
		as(() -> screenings.answer(maya, Instrument.GAD7, List.of(0, 0, 0, 0, 0, 0, 0), fiveWeeksAgo));
		assertThat(as(() -> screenings.due(maya))).containsExactly(Instrument.PHQ2);

		// a positive PHQ-2 from long ago asks for a new PHQ-2, not for the PHQ-9 it once called for
		as(() -> screenings.answer(maya, Instrument.PHQ2, List.of(3, 3), fiveWeeksAgo.plusSeconds(60)));
		assertThat(as(() -> screenings.due(maya))).containsExactly(Instrument.PHQ2);

		as(() -> screenings.answer(maya, Instrument.PHQ2, List.of(0, 0), Instant.now().minus(Duration.ofDays(27))));
		assertThat(as(() -> screenings.due(maya))).isEmpty();
	}

	@Test
	void announcesAndAuditsAnUrgentAnswerWithoutItsScoreAndKeepsItOpenUntilReviewed(PublishedEvents events) {

		var calm = as(() -> screenings.answer(maya, Instrument.PHQ9, List.of(3, 3, 3, 3, 3, 3, 3, 3, 0)));
		assertThat(calm.urgent()).isFalse();
		assertThat(events.ofType(UrgentScreeningReported.class)).isEmpty();

		var urgent = as(() -> screenings.answer(maya, Instrument.PHQ9, List.of(0, 0, 0, 0, 0, 0, 0, 0, 1)));
		assertThat(urgent.urgent()).isTrue();
		assertThat(urgent.severity()).isEqualTo(Instrument.Severity.MINIMAL);
		assertThat(events.ofType(UrgentScreeningReported.class)).singleElement().satisfies(it -> {
			assertThat(it.tenant()).isEqualTo(clinic);
			assertThat(it.patient()).isEqualTo(maya);
			assertThat(it.screening()).isEqualTo(urgent.id());
		});
		assertThat(as(() -> screenings.open(maya))).extracting(Screenings.Screening::id).containsExactly(urgent.id());
		assertThat(audited("screening")).isEqualTo(2);
		assertThat(audited("screening-urgent")).isOne();

		signIn(user(clinic, "pt.alex", Role.THERAPIST));
		assertThatIllegalArgumentException().isThrownBy(() -> as(() -> screenings.review(maya, urgent.id(), "  ")));
		assertThat(as(() -> screenings.review(maya, calm.id(), "Called her"))).as("not urgent").isFalse();
		assertThat(as(() -> screenings.review(maya, urgent.id(), "Called her; safe, seeing her GP today"))).isTrue();
		assertThat(as(() -> screenings.review(maya, urgent.id(), "Again"))).as("reviewed already").isFalse();

		assertThat(as(() -> screenings.open(maya))).isEmpty();
		assertThat(as(() -> screenings.of(maya)).getFirst()).satisfies(it -> {
			assertThat(it.reviewedBy()).isEqualTo("pt.alex");
			assertThat(it.reviewNote()).isEqualTo("Called her; safe, seeing her GP today");
		});
		assertThat(events.ofType(UrgentScreeningReviewed.class)).singleElement()
				.satisfies(it -> assertThat(it.screening()).isEqualTo(urgent.id()));
		assertThat(audited("screening-review")).isOne();
	}

	@Test
	void refusesAnswersOfTheWrongCountAndStoresNothing() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> as(() -> screenings.answer(maya, Instrument.PHQ9, List.of(1, 1))));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> as(() -> screenings.answer(maya, Instrument.GAD7, List.of(0, 0, 0, 0, 0, 0, 9))));
		assertThat(as(() -> screenings.of(maya))).isEmpty();
	}

	@Test
	void anotherClinicNeitherSeesNorWritesAPatientsScreenings() throws SQLException {

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		as(() -> screenings.answer(maya, Instrument.PHQ2, List.of(1, 1)));
		List<Screenings.Screening> seen = CurrentTenant.callAs(other, () -> transaction.execute(status -> screenings.of(maya)));
		assertThat(seen).as("through the service, as another clinic").isEmpty();

		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			connection.setAutoCommit(false);
			assertThat(database.getUsername()).isEqualTo("stride_app");
			assertThat(count(connection, other)).as("another clinic's view").isZero();
			assertThat(count(connection, clinic)).as("the clinic's own view").isOne();

			bind(connection, other);
			try (var update = connection.prepareStatement("update patients.screening set score = 0 where patient_id = ?")) {
				update.setObject(1, maya.id());
				assertThat(update.executeUpdate()).as("rows another clinic could change").isZero();
			}
			try (var insert = connection.prepareStatement("""
					insert into patients.screening (tenant_id, id, patient_id, instrument, answers, score, severity, urgent,
					    answered_at)
					values (?, ?, ?, 'PHQ2', '{0,0}', 0, 'NEGATIVE', false, now())""")) {
				insert.setString(1, clinic.value());
				insert.setObject(2, UUID.randomUUID());
				insert.setObject(3, maya.id());
				assertThatExceptionOfType(SQLException.class).as("a row written for another clinic")
						.isThrownBy(insert::executeUpdate);
			}
			connection.rollback();
		}
	}

	private static int count(java.sql.Connection connection, TenantId tenant) throws SQLException {
		bind(connection, tenant);
		try (var statement = connection.createStatement();
				var result = statement.executeQuery("select count(*) from patients.screening")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static void bind(java.sql.Connection connection, TenantId tenant) throws SQLException {
		try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			bind.setString(1, tenant.value());
			bind.execute();
		}
	}

	private long audited(String resource) {
		return as(() -> jdbc.sql("select count(*) from platform.audit_event where patient_id = ? and resource = ?")
				.params(maya.id(), resource).query(Long.class).single());
	}

	private <T> T as(java.util.concurrent.Callable<T> work) {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> {
			try {
				return work.call();
			} catch (RuntimeException e) {
				throw e;
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}));
	}
}
