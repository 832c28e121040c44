package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.programs.Lesson;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.SciaticaPlan;

/**
 * Today's lesson: one a day, the first of the plan's lessons not yet read, fixed for the day (of the
 * patient's zone) once shown. Maya is on the sciatica plan in Los Angeles; each test sets the clock.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class LessonOfTheDayTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
	static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

	private final LessonService lessons;
	private final ClinicRegistry clinics;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Plans plans;

	private SciaticaPlan maya;

	LessonOfTheDayTests(LessonService lessons, ClinicRegistry clinics, ProgramTemplates templates,
			PatientDirectory patients, CareTeams careTeams, Plans plans) {
		this.lessons = lessons;
		this.clinics = clinics;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.plans = plans;
	}

	@BeforeEach
	void mayaOnTheSciaticaPlan() {
		maya = SciaticaPlan.given(clinics, templates, patients, careTeams, plans);
	}

	static Clock at(LocalDate day, int hour, int minute) {
		return Clock.fixed(day.atTime(LocalTime.of(hour, minute)).atZone(LOS_ANGELES).toInstant(), ZoneOffset.UTC);
	}

	private Optional<String> today(Clock clock) {
		return CurrentTenant.callAs(maya.clinic(), () -> lessons.today(maya.maya(), Locale.ENGLISH, clock))
				.map(Lesson::slug);
	}

	private void read(String slug, Clock clock) {
		CurrentTenant.runAs(maya.clinic(), () -> lessons.read(maya.maya(), slug, clock));
	}

	@Test
	void theSciaticaPlanStartsWithStridesLessonsInItsTemplatesOrder() {
		assertThat(CurrentTenant.callAs(maya.clinic(), () -> lessons.ofPlan(maya.maya()))).startsWith(
				"disc-herniation", "movement-as-medicine", "when-to-call-or-go").hasSize(8);
	}

	@Test
	void givesOneLessonADayInThePlansOrderAndTheNextOneOnlyTheDayAfterReading() {

		assertThat(today(at(MONDAY, 8, 0))).contains("disc-herniation");
		assertThat(today(at(MONDAY, 12, 0))).as("fixed for the day").contains("disc-herniation");
		read("disc-herniation", at(MONDAY, 12, 5));
		assertThat(today(at(MONDAY, 18, 0))).as("read today: none until tomorrow").isEmpty();

		assertThat(today(at(MONDAY.plusDays(1), 7, 0))).contains("movement-as-medicine");
		assertThat(today(at(MONDAY.plusDays(2), 7, 0))).as("not read yesterday: the same lesson again")
				.contains("movement-as-medicine");
	}

	@Test
	void aLessonReadFromTheLibraryIsTheDaysOneAndReadLessonsAreSkipped() {

		read("movement-as-medicine", at(MONDAY, 9, 0));
		assertThat(today(at(MONDAY, 10, 0))).as("one a day, whichever it was").isEmpty();
		assertThat(today(at(MONDAY.plusDays(1), 10, 0))).contains("disc-herniation");
		read("disc-herniation", at(MONDAY.plusDays(1), 10, 1));
		assertThat(today(at(MONDAY.plusDays(2), 10, 0))).as("the second was read before")
				.contains("when-to-call-or-go");
	}

	@Test
	void theDayIsThePatientsDayNotUtcs() {

		read("disc-herniation", at(MONDAY, 23, 30)); // already Tuesday in UTC
		assertThat(today(at(MONDAY, 23, 45))).isEmpty();
		assertThat(today(at(MONDAY.plusDays(1), 0, 15))).contains("movement-as-medicine");
	}

	@Test
	void keepsTheDaysLessonWhenTheTherapistChangesTheListAndFollowsTheNewListTomorrow() {

		assertThat(today(at(MONDAY, 8, 0))).contains("disc-herniation");
		CurrentTenant.runAs(maya.clinic(), () -> lessons.changePlan(maya.maya(),
				List.of("heat-or-cold", "flare-up-plan"), maya.alex()));
		assertThat(today(at(MONDAY, 9, 0))).contains("disc-herniation");
		assertThat(today(at(MONDAY.plusDays(1), 9, 0))).contains("heat-or-cold");
	}

	@Test
	void givesNoneOnceAllAreReadOrWithoutAPlan() {

		CurrentTenant.runAs(maya.clinic(), () -> lessons.changePlan(maya.maya(), List.of("heat-or-cold"), maya.alex()));
		read("heat-or-cold", at(MONDAY, 8, 0));
		assertThat(today(at(MONDAY.plusDays(3), 8, 0))).isEmpty();

		var other = SciaticaPlan.given(clinics, templates, patients, careTeams, plans);
		CurrentTenant.runAs(other.clinic(), () -> {
			var lucia = patients.register(new health.stride.patients.NewPatient(java.util.UUID.randomUUID().toString(),
					"patient.lucia", "Lucía", "Ramos", LocalDate.of(1979, 6, 2), "lucia@example.org", null, "OR",
					"America/Los_Angeles"));
			assertThat(lessons.today(lucia, Locale.ENGLISH, at(MONDAY, 8, 0))).as("no plan, no lesson").isEmpty();
		});
	}

	@Test
	void refusesAListWithALessonNotInTheLibraryOrOneTwiceAndTheWrongTherapist() {

		assertThatIllegalArgumentException().isThrownBy(() -> CurrentTenant.runAs(maya.clinic(),
				() -> lessons.changePlan(maya.maya(), List.of("heat-or-cold", "no-such-lesson"), maya.alex())));
		assertThatIllegalArgumentException().isThrownBy(() -> CurrentTenant.runAs(maya.clinic(),
				() -> lessons.changePlan(maya.maya(), List.of("heat-or-cold", "heat-or-cold"), maya.alex())));
		var sam = new health.stride.platform.security.StrideUser("sam", "pt.sam", List.of(maya.clinic()),
				java.util.Set.of(health.stride.platform.security.Role.THERAPIST));
		assertThatExceptionOfType(Plans.NotYourPatient.class).isThrownBy(() -> CurrentTenant.runAs(maya.clinic(),
				() -> lessons.changePlan(maya.maya(), List.of("heat-or-cold"), sam)));
		assertThat(CurrentTenant.callAs(maya.clinic(), () -> lessons.ofPlan(maya.maya()))).as("nothing changed")
				.startsWith("disc-herniation").hasSize(8);
	}

	@Test
	void assigningAPlanCopiesTheTemplatesLessonsAndLaterTemplateChangesDoNotReachIt() {

		CurrentTenant.runAs(maya.clinic(), () -> {
			var walking = templates.all().stream().filter(it -> "walking-micro-walks".equals(it.key())).findFirst()
					.orElseThrow();
			assertThat(lessons.ofTemplate(walking.id())).startsWith("walking-for-back-pain");
			assertThat(lessons.changeTemplate(walking.id(), List.of("flare-up-plan", "walking-for-back-pain"))).isTrue();
			plans.assign(maya.maya(), walking.id(), maya.alex());
			assertThat(lessons.ofPlan(maya.maya())).containsExactly("flare-up-plan", "walking-for-back-pain");
			lessons.changeTemplate(walking.id(), List.of("heat-or-cold"));
			assertThat(lessons.ofPlan(maya.maya())).containsExactly("flare-up-plan", "walking-for-back-pain");
			assertThat(lessons.changeTemplate(java.util.UUID.randomUUID(), List.of())).isFalse();
		});
	}

	@Test
	void showsStridesLessonsInTheReadersLanguage() {

		var spanish = Language.SPANISH.locale();
		CurrentTenant.runAs(maya.clinic(), () -> {
			var today = lessons.today(maya.maya(), spanish, at(MONDAY, 8, 0)).orElseThrow();
			assertThat(today.title()).isEqualTo("Qué es una hernia de disco y por qué la mayoría mejora");
			assertThat(lessons.progress(maya.maya(), spanish)).extracting(it -> it.lesson().slug())
					.startsWith("disc-herniation");
			assertThat(lessons.find("disc-herniation", Locale.ENGLISH).orElseThrow().title())
					.isEqualTo("What a disc herniation is, and why most get better");
		});
	}
}
