package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

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

/** A clinic's own lessons: checked before anything is stored, and the clinic's alone, down to the database's rows. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ClinicLessonsTests {

	static final String BODY = ("Sitting at a desk all day loads the same tissues for hours. Stand up, walk to the window "
			+ "and back, and roll your shoulders. Our physiotherapists suggest a short break every half hour.\n\n").repeat(3);

	private final Lessons lessons;
	private final ClinicRegistry clinics;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Plans plans;
	private final JdbcConnectionDetails database;

	private TenantId north, lake;

	ClinicLessonsTests(Lessons lessons, ClinicRegistry clinics, ProgramTemplates templates, PatientDirectory patients,
			CareTeams careTeams, Plans plans, JdbcConnectionDetails database) {
		this.lessons = lessons;
		this.clinics = clinics;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.plans = plans;
		this.database = database;
	}

	@BeforeEach
	void twoClinics() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant();
	}

	@Test
	void aClinicAddsAndEditsItsOwnLessonWhichStaysItsOwn() throws SQLException {

		var added = CurrentTenant.callAs(north, () -> lessons.add(Lessons.Draft.of("Desk breaks at Northside",
				"Stand up every half hour.", BODY), "pt.alex"));

		assertThat(added.slug()).isEqualTo("desk-breaks-at-northside");
		assertThat(added.custom()).isTrue();
		assertThat(added.paragraphs()).hasSize(3);
		assertThat(added.minutes()).isEqualTo(1);
		assertThat(added.reviewedOn()).isNotNull();
		assertThat(CurrentTenant.callAs(north, () -> lessons.library(Locale.ENGLISH))).extracting(Lesson::slug)
				.contains("desk-breaks-at-northside", "heat-or-cold");
		assertThat(CurrentTenant.callAs(lake, () -> lessons.find("desk-breaks-at-northside", Locale.ENGLISH))).isEmpty();
		assertThat(CurrentTenant.callAs(lake, () -> lessons.library(Locale.ENGLISH))).extracting(Lesson::slug)
				.doesNotContain("desk-breaks-at-northside");

		assertThat(CurrentTenant.callAs(north, () -> lessons.update("desk-breaks-at-northside",
				Lessons.Draft.of("Desk breaks", "Stand up every 30 minutes.", BODY)))).isTrue();
		var edited = CurrentTenant.callAs(north, () -> lessons.find("desk-breaks-at-northside", Locale.ENGLISH))
				.orElseThrow();
		assertThat(edited.title()).as("the slug stays, so lists keep it").isEqualTo("Desk breaks");
		assertThat(CurrentTenant.callAs(lake, () -> lessons.update("desk-breaks-at-northside",
				Lessons.Draft.of("Taken over", "No.", BODY)))).as("another clinic's is not there").isFalse();
		assertThat(CurrentTenant.callAs(north, () -> lessons.update("heat-or-cold",
				Lessons.Draft.of("Heat", "Warm.", BODY)))).as("Stride's are copied, not edited").isFalse();

		// a template and a plan may list the clinic's own lesson
		var sciatica = CurrentTenant.callAs(north, () -> templates.all().stream()
				.filter(it -> "sciatica-stretch-strengthen".equals(it.key())).findFirst().orElseThrow());
		assertThat(CurrentTenant.callAs(north, () -> lessons.changeTemplate(sciatica.id(),
				List.of("desk-breaks-at-northside", "heat-or-cold")))).isTrue();
		assertThatIllegalArgumentException().as("the other clinic has no such lesson").isThrownBy(() -> CurrentTenant
				.callAs(lake, () -> lessons.changeTemplate(sciatica.id(), List.of("desk-breaks-at-northside"))));

		// plain JDBC as the application role: the other clinic sees none of the rows
		var maya = SciaticaPlan.given(clinics, templates, patients, careTeams, plans);
		CurrentTenant.runAs(maya.clinic(), () -> {
			lessons.today(maya.maya(), Locale.ENGLISH);
			lessons.read(maya.maya(), "disc-herniation");
		});
		try (var connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword())) {
			connection.setAutoCommit(false);
			try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
				bind.setString(1, lake.value());
				bind.execute();
			}
			for (var table : List.of("programs.custom_lesson", "programs.lesson_read", "programs.lesson_day",
					"programs.template where lessons is not null")) {
				try (var count = connection.createStatement().executeQuery("select count(*) from " + table)) {
					count.next();
					assertThat(count.getInt(1)).as(table).isZero();
				}
			}
			connection.rollback();
			try (var bind = connection.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
				bind.setString(1, maya.clinic().value());
				bind.execute();
			}
			try (var count = connection.createStatement().executeQuery(
					"select (select count(*) from programs.lesson_read) + (select count(*) from programs.lesson_day)")) {
				count.next();
				assertThat(count.getInt(1)).as("the patient's own clinic sees them").isEqualTo(2);
			}
			connection.rollback();
		}
	}

	@Test
	void refusesTitlesOfTheLibraryAndStoresNothingThen() {

		CurrentTenant.runAs(north, () -> lessons.add(Lessons.Draft.of("Desk breaks", "Stand up.", BODY), "pt.alex"));
		for (var title : List.of("desk BREAKS", "Walking for back pain", "Caminar para el dolor de espalda",
				"Desk-breaks!")) {
			assertThatExceptionOfType(Lessons.TitleTaken.class).as(title).isThrownBy(() -> CurrentTenant.runAs(north,
					() -> lessons.add(Lessons.Draft.of(title, "Stand up.", BODY), "pt.alex")));
		}
		assertThat(CurrentTenant.callAs(north, () -> lessons.library(Locale.ENGLISH)).stream().filter(Lesson::custom))
				.hasSize(1);
		assertThat(CurrentTenant.callAs(lake, () -> lessons.add(Lessons.Draft.of("Desk breaks", "Stand up.", BODY),
				"pt.jordan").slug())).as("another clinic may use the title").isEqualTo("desk-breaks");
	}

	@Test
	void checksTitleTakeawayAndTextBeforeAnythingIsStored() {

		assertThat(fields(null, null, null)).containsExactly("title", "takeaway", "body");
		assertThat(fields("Desk\u0000breaks", "Stand up.", BODY)).containsExactly("title");
		assertThat(fields("Desk breaks", "Stand\nup.", BODY)).containsExactly("takeaway");
		assertThat(fields("Desk breaks", "Stand up.", BODY + "\u0000")).containsExactly("body");
		assertThat(fields("Desk breaks", "Stand up.", BODY + "\u001b[31m")).containsExactly("body");
		assertThat(fields("Desk breaks", "Stand up.", BODY + "\ud800")).as("half a surrogate pair")
				.containsExactly("body");
		assertThat(fields("x".repeat(100_000), "y".repeat(100_000), "z ".repeat(50_000)))
				.containsExactly("title", "takeaway", "body");
		assertThat(fields("Desk breaks", "Stand up.", "Too short to teach anything.")).containsExactly("body");
		assertThat(fields("Desk breaks", "Stand up.", "word ".repeat(801))).containsExactly("body");
		assertThat(fields("???", "Stand up.", BODY)).containsExactly("title");

		var draft = Lessons.Draft.of("  Desk breaks  ", " Stand up. ", "  First line\nsame paragraph " + BODY);
		assertThat(draft.title()).isEqualTo("Desk breaks");
		assertThat(draft.takeaway()).isEqualTo("Stand up.");
		assertThat(draft.paragraphs().get(0)).startsWith("First line same paragraph Sitting");
		assertThat(Lessons.Draft.of("Ejercicio 🙂", "Bien.", BODY).title()).isEqualTo("Ejercicio 🙂");
	}

	private static List<String> fields(String title, String takeaway, String body) {
		try {
			Lessons.Draft.of(title, takeaway, body);
			return List.of();
		} catch (InvalidInput invalid) {
			return List.copyOf(invalid.problems().keySet());
		}
	}
}
