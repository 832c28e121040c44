package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.internal.Tailoring;

/** A clinic's own exercises and templates: the clinic's alone, down to the database's rows. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ClinicContentTests {

	private final ExerciseLibrary library;
	private final ProgramTemplates templates;
	private final Tailoring tailoring;
	private final ClinicRegistry clinics;
	private final JdbcConnectionDetails database;

	private TenantId north, lake;

	ClinicContentTests(ExerciseLibrary library, ProgramTemplates templates, Tailoring tailoring, ClinicRegistry clinics,
			JdbcConnectionDetails database) {
		this.library = library;
		this.templates = templates;
		this.tailoring = tailoring;
		this.clinics = clinics;
		this.database = database;
	}

	@BeforeEach
	void twoClinics() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant();
	}

	static ExerciseLibrary.NewExercise towelSlide(String name, Set<String> tags) {
		return new ExerciseLibrary.NewExercise(name, "low-back", "PRONE", "NONE", "MOBILITY",
				new Dosing(1, 8, null, null, Side.BOTH, 2, 7, 30, null),
				List.of("Lie face down with a towel under your hands.", "Slide the towel forward.", "Slide it back."),
				List.of("Keep it small."), tags, "pelvic-tilt", null);
	}

	@Test
	void aClinicsOwnExerciseIsInItsLibraryAloneAndTailoringKnowsItsTags() throws SQLException {

		var added = CurrentTenant.callAs(north, () -> library.addCustom(towelSlide("Towel Slide (Prone)", Set.of("prone")),
				"pt.alex"));

		assertThat(added.slug()).isEqualTo("towel-slide-prone");
		assertThat(added.custom()).isTrue();
		assertThat(CurrentTenant.callAs(north, () -> library.search(new ExerciseLibrary.Filter(null, "prone", "towel"))))
				.extracting(Exercise::slug).containsExactly("towel-slide-prone");
		assertThat(CurrentTenant.callAs(lake, () -> library.find("towel-slide-prone"))).isEmpty();
		assertThat(library.find("towel-slide-prone")).as("without a clinic, the shared library only").isEmpty();

		// the tailoring rules work on the clinic's exercises too
		var warning = CurrentTenant.callAs(north, () -> tailoring.warnings(Tailoring.Facts.of(true, false, false),
				List.of("towel-slide-prone"))).get("towel-slide-prone");
		assertThat(warning.cautions()).containsExactly(Tailoring.Caution.PRONE_INTOLERANT);

		// plain JDBC as the application role: the other clinic sees no row, with or without the view
		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			connection.setAutoCommit(false);
			try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
				bind.setString(1, lake.value());
				bind.execute();
			}
			for (var table : List.of("programs.custom_exercise", "programs.library_exercise where custom")) {
				try (var count = connection.createStatement().executeQuery("select count(*) from " + table)) {
					count.next();
					assertThat(count.getInt(1)).as(table).isZero();
				}
			}
			connection.rollback();
		}
	}

	@Test
	void namesAreUniqueInTheLibraryAndAlternativesMustExist() {

		assertThatExceptionOfType(ExerciseLibrary.NameTaken.class).isThrownBy(() -> CurrentTenant.callAs(north,
				() -> library.addCustom(towelSlide("pelvic tilt", Set.of()), "pt.alex")));
		CurrentTenant.runAs(north, () -> library.addCustom(towelSlide("Towel Slide", Set.of()), "pt.alex"));
		assertThatExceptionOfType(ExerciseLibrary.NameTaken.class).isThrownBy(() -> CurrentTenant.callAs(north,
				() -> library.addCustom(towelSlide("Towel slide", Set.of()), "pt.alex")));
		assertThat(CurrentTenant.callAs(lake, () -> library.addCustom(towelSlide("Towel Slide", Set.of()), "pt.jordan"))
				.slug()).as("another clinic may use the name").isEqualTo("towel-slide");

		var noSuchAlternative = new ExerciseLibrary.NewExercise("Moonwalk", "legs", "STANDING", "NONE", "CARDIO",
				new Dosing(1, null, 60, null, Side.BOTH, 1, 7, 0, null), List.of("Walk backwards."), List.of(),
				Set.of(), "hoverboard", null);
		assertThatIllegalArgumentException()
				.isThrownBy(() -> CurrentTenant.callAs(north, () -> library.addCustom(noSuchAlternative, "pt.alex")));

		assertThat(CurrentTenant.callAs(north, () -> library.updateCustom("towel-slide",
				towelSlide("Towel Slide", Set.of("prone", "flare-safe"))))).isTrue();
		assertThat(CurrentTenant.callAs(north, () -> library.find("towel-slide")).orElseThrow().tags())
				.containsExactlyInAnyOrder("prone", "flare-safe");
		assertThat(CurrentTenant.callAs(north, () -> library.updateCustom("pelvic-tilt", towelSlide("Pelvic Tilt 2",
				Set.of())))).as("the shared library is not the clinic's to edit").isFalse();
	}

	@Test
	void theNewClinicGetsTheFiveTemplatesAndMayAddAndEditItsOwn() {

		CurrentTenant.runAs(north, templates::seedDefaults);
		assertThat(CurrentTenant.callAs(north, templates::all)).extracting(ProgramTemplate::key).containsExactlyInAnyOrder(
				"flare-mobility", "flare-prevention-core", "sciatica-stretch-strengthen", "walking-micro-walks",
				"stabilisation-progression");

		var phases = new ArrayList<ProgramTemplate.Phase>();
		phases.add(new ProgramTemplate.Phase("Start", "When it is easy", List.of(new ProgramTemplate.Prescribed("pelvic-tilt",
				new Dosing(2, 10, null, 3, Side.BOTH, 2, 7, 30, null)))));
		var draft = new ProgramTemplates.Draft("Desk workers", "Short breaks from sitting", phases,
				new ProgramTemplate.Walking(5, 3, 5, 20, null));
		var created = CurrentTenant.callAs(north, () -> templates.create(draft, "pt.alex"));
		assertThat(created.key()).isNull();
		assertThat(created.phases()).isEqualTo(phases);
		assertThat(CurrentTenant.callAs(lake, () -> templates.find(created.id()))).isEmpty();

		var renamed = new ProgramTemplates.Draft("Desk workers (2)", draft.description(), draft.phases(), null);
		var updated = CurrentTenant.callAs(north, () -> templates.update(created.id(), created.version(), renamed));
		assertThat(updated.name()).isEqualTo("Desk workers (2)");
		assertThat(updated.walking()).isNull();
		assertThat(updated.version()).isEqualTo(created.version() + 1);

		assertThatExceptionOfType(ProgramTemplates.StaleVersion.class).isThrownBy(() -> CurrentTenant.callAs(north,
				() -> templates.update(created.id(), created.version(), draft)));
		assertThatExceptionOfType(ProgramTemplates.StaleVersion.class).as("another clinic's template is not found")
				.isThrownBy(() -> CurrentTenant.callAs(lake, () -> templates.update(created.id(), updated.version(), draft)));
		assertThatIllegalArgumentException().isThrownBy(() -> CurrentTenant.callAs(north, () -> templates.create(
				new ProgramTemplates.Draft("Empty", "", List.of(new ProgramTemplate.Phase("Start", null, List.of())), null),
				"pt.alex")));
	}
}
