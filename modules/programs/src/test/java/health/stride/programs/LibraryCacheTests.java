package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;

/**
 * The library each node keeps in memory: a clinic's own exercise, new, changed or removed by anyone,
 * counts from the next session on; another clinic's never does, cached or not.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class LibraryCacheTests {

	private final ExerciseLibrary library;
	private final Sessions sessions;
	private final Plans plans;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcConnectionDetails database;

	private SciaticaPlan north, lake;

	LibraryCacheTests(ExerciseLibrary library, Sessions sessions, Plans plans, ProgramTemplates templates,
			PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics, JdbcConnectionDetails database) {
		this.library = library;
		this.sessions = sessions;
		this.plans = plans;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.database = database;
	}

	@BeforeEach
	void twoClinicsWithAPatientOnThePlanEach() {
		north = SciaticaPlan.given(clinics, templates, patients, careTeams, plans);
		lake = SciaticaPlan.given(clinics, templates, patients, careTeams, plans);
	}

	@Test
	void aClinicsNewExerciseCountsInItsNextSession() {

		var first = CurrentTenant.callAs(north.clinic(), () -> sessions.log(north.maya(), session(north, null)));
		assertThat(first.created()).isTrue();
		assertThatExceptionOfType(InvalidInput.class).as("not in the library yet")
				.isThrownBy(() -> CurrentTenant.callAs(north.clinic(), () -> sessions.log(north.maya(),
						session(north, "towel-slide-prone"))));

		CurrentTenant.callAs(north.clinic(), () -> library.addCustom(towelSlide("Towel Slide (Prone)"), "pt.alex"));

		var logged = CurrentTenant.callAs(north.clinic(), () -> sessions.log(north.maya(), session(north, "towel-slide-prone")));
		assertThat(logged.created()).isTrue();
		assertThat(logged.session().exercises()).extracting(ExerciseSession.Done::slug).contains("towel-slide-prone");
	}

	@Test
	void aChangeMadeOutsideThisNodeIsSeenAtOnce() throws SQLException {

		CurrentTenant.callAs(north.clinic(), () -> library.addCustom(towelSlide("Towel Slide (Prone)"), "pt.alex"));
		assertThat(CurrentTenant.callAs(north.clinic(), () -> library.find("towel-slide-prone")))
				.hasValueSatisfying(it -> assertThat(it.name()).isEqualTo("Towel Slide (Prone)"));

		// another node (or a script) changes the row behind this node's copy, as the application's role
		asApplication(north.clinic(), connection -> connection.createStatement()
				.executeUpdate("update programs.custom_exercise set name = 'Towel Glide' where slug = 'towel-slide-prone'"));
		assertThat(CurrentTenant.callAs(north.clinic(), () -> library.find("towel-slide-prone")))
				.hasValueSatisfying(it -> assertThat(it.name()).isEqualTo("Towel Glide"));

		asApplication(north.clinic(), connection -> connection.createStatement()
				.executeUpdate("delete from programs.custom_exercise where slug = 'towel-slide-prone'"));
		assertThat(CurrentTenant.callAs(north.clinic(), () -> library.find("towel-slide-prone"))).isEmpty();
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(north.clinic(), () -> sessions.log(north.maya(),
						session(north, "towel-slide-prone"))));
	}

	@Test
	void anotherClinicsExerciseIsNeverSeenEvenWhileCached() throws SQLException {

		CurrentTenant.callAs(north.clinic(), () -> library.addCustom(towelSlide("Towel Slide (Prone)"), "pt.alex"));
		// north's copy is in memory now, and in use
		CurrentTenant.callAs(north.clinic(), () -> sessions.log(north.maya(), session(north, "towel-slide-prone")));

		assertThat(CurrentTenant.callAs(lake.clinic(), () -> library.find("towel-slide-prone"))).isEmpty();
		assertThat(library.find("towel-slide-prone")).as("without a clinic, the shared library only").isEmpty();
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> CurrentTenant.callAs(lake.clinic(), () -> sessions.log(lake.maya(),
						session(lake, "towel-slide-prone"))));

		// lake's own exercise of the same name is lake's, and north keeps its own
		var lakes = towelSlide("Towel Slide (Prone)");
		lakes = new ExerciseLibrary.NewExercise(lakes.name(), lakes.region(), lakes.position(), lakes.equipment(),
				lakes.kind(), lakes.dosing(), List.of("Lake's way: lie down.", "Slide."), lakes.safety(), lakes.tags(),
				null, null);
		var lakeExercise = lakes;
		CurrentTenant.callAs(lake.clinic(), () -> library.addCustom(lakeExercise, "pt.lee"));
		assertThat(CurrentTenant.callAs(lake.clinic(), () -> library.find("towel-slide-prone")))
				.hasValueSatisfying(it -> assertThat(it.steps()).containsExactly("Lake's way: lie down.", "Slide."));
		assertThat(CurrentTenant.callAs(north.clinic(), () -> library.find("towel-slide-prone")))
				.hasValueSatisfying(it -> assertThat(it.steps()).first().isEqualTo("Lie face down with a towel under your hands."));

		// the counters the copies are checked against: each clinic sees its own row only, none without a clinic
		for (var clinic : List.of(north.clinic(), lake.clinic())) {
			asApplication(clinic, connection -> {
				try (var rows = connection.createStatement()
						.executeQuery("select tenant_id from programs.custom_exercise_version")) {
					var seen = new ArrayList<String>();
					while (rows.next()) {
						seen.add(rows.getString(1));
					}
					assertThat(seen).containsExactly(clinic.value());
				}
				return 0;
			});
		}
		asApplication(TenantId.of("none-" + UUID.randomUUID()), connection -> {
			try (var rows = connection.createStatement().executeQuery("select count(*) from programs.custom_exercise_version")) {
				rows.next();
				assertThat(rows.getInt(1)).isZero();
			}
			return 0;
		});
	}

	/** A session of the plan's exercises, with one more if named. */
	private static Sessions.Input session(SciaticaPlan plan, @Nullable String extra) {
		var base = plan.session("k-" + UUID.randomUUID(), 3, 2, "NONE", SciaticaPlan.ago(Duration.ofHours(1)));
		var lines = new ArrayList<>(base.exercises());
		if (extra != null) {
			lines.add(new Sessions.ExerciseInput(extra, 1, 8, false, null));
		}
		return new Sessions.Input(base.idempotencyKey(), base.performedAt(), base.painBefore(), base.painAfter(),
				base.symptomShift(), base.effort(), base.walkingMinutes(), lines);
	}

	static ExerciseLibrary.NewExercise towelSlide(String name) {
		return new ExerciseLibrary.NewExercise(name, "low-back", "PRONE", "NONE", "MOBILITY",
				new Dosing(1, 8, null, null, Side.BOTH, 2, 7, 30, null),
				List.of("Lie face down with a towel under your hands.", "Slide the towel forward.", "Slide it back."),
				List.of("Keep it small."), Set.of("prone"), "pelvic-tilt", null);
	}

	interface Work {
		int on(Connection connection) throws SQLException;
	}

	/** Plain JDBC as the application's role, in the clinic, committed: no cache, no ORM in between. */
	private void asApplication(TenantId clinic, Work work) throws SQLException {
		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			connection.setAutoCommit(false);
			try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
				bind.setString(1, clinic.value());
				bind.execute();
			}
			work.on(connection);
			connection.commit();
		}
	}
}
