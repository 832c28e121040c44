package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The shared exercise library's content and the templates every clinic starts with. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class LibraryTests {

	/** Every exercise the clinical content names (clinical.md), by slug. */
	static final List<String> NAMED = List.of("pelvic-tilt", "knee-hug", "knee-rocking", "back-extension",
			"prone-press-up", "abdominal-bracing", "bent-hollow-hold", "bicycle-crunch", "diving-superman", "bird-dog",
			"plank", "modified-plank", "8-point-plank", "side-plank", "childs-pose", "supine-glute-stretch",
			"hamstring-stretch", "glute-bridge", "clamshell", "founder", "bodyweight-squat", "supported-squat",
			"anchored-bridge", "hamstring-curl-on-a-ball", "anchored-back-extension", "bar-hang", "inverted-row",
			"pull-up", "ball-crunch", "walking", "pool-walking", "cycling", "swimming");

	static final Set<String> TAGS = Set.of("prone", "extension-bias", "flexion-bias", "spinal-load-high",
			"neutral-spine", "beginner", "flare-safe", "cardio", "balance");

	private final ExerciseLibrary library;
	private final ProgramTemplates templates;
	private final ClinicRegistry clinics;
	private final org.springframework.context.MessageSource messages;

	LibraryTests(ExerciseLibrary library, ProgramTemplates templates, ClinicRegistry clinics,
			org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.library = library;
		this.templates = templates;
		this.clinics = clinics;
	}

	@Test
	void holdsEveryNamedExerciseAndAtLeastFortyWithCompleteFields() {

		var all = library.all();

		assertThat(all).hasSizeGreaterThanOrEqualTo(40);
		assertThat(all).extracting(Exercise::slug).containsAll(NAMED).doesNotHaveDuplicates();
		assertThat(all).allSatisfy(exercise -> {
			assertThat(exercise.name()).isNotBlank();
			assertThat(exercise.steps()).as(exercise.slug()).hasSizeBetween(3, 6).allSatisfy(step -> assertThat(step).isNotBlank());
			assertThat(exercise.safety()).as(exercise.slug()).isNotEmpty();
			assertThat(exercise.tags()).as(exercise.slug()).isSubsetOf(TAGS);
			assertThat(exercise.dosing().sets()).isPositive();
		});
	}

	@Test
	void everyExerciseHasAnIllustrationShippedWithTheApplication() {
		assertThat(library.all()).allSatisfy(exercise -> {
			assertThat(getClass().getResource("/static" + exercise.illustration())).as(exercise.illustration()).isNotNull();
			assertThat(messages.getMessage("programs.position." + exercise.position(), null, java.util.Locale.ENGLISH))
					.isNotBlank();
			assertThat(messages.getMessage("programs.position." + exercise.position(), null, java.util.Locale.of("es")))
					.isNotBlank();
		});
	}

	@Test
	void everyEasierAndHarderAlternativeIsInTheLibrary() {

		var slugs = library.all().stream().map(Exercise::slug).toList();

		assertThat(library.all()).allSatisfy(exercise -> {
			if (exercise.regression() != null) {
				assertThat(slugs).as("easier than %s", exercise.slug()).contains(exercise.regression());
			}
			if (exercise.progression() != null) {
				assertThat(slugs).as("harder than %s", exercise.slug()).contains(exercise.progression());
			}
		});
		assertThat(library.all()).filteredOn(it -> it.regression() != null || it.progression() != null).hasSizeGreaterThan(15);
	}

	@Test
	void tagsTheExercisesTailoringWarnsAbout() {
		assertThat(library.find("prone-press-up")).hasValueSatisfying(it -> assertThat(it.tags()).contains("extension-bias", "prone"));
		assertThat(library.find("back-extension")).hasValueSatisfying(it -> assertThat(it.tags()).contains("extension-bias"));
		assertThat(library.find("knee-hug")).hasValueSatisfying(it -> assertThat(it.tags()).contains("flexion-bias"));
		assertThat(library.find("diving-superman")).hasValueSatisfying(it -> assertThat(it.tags()).contains("prone"));
	}

	@Test
	void searchesByRegionTagAndName() {

		assertThat(library.search(new ExerciseLibrary.Filter(null, "prone", null)))
				.isNotEmpty().allSatisfy(it -> assertThat(it.tags()).contains("prone"));
		assertThat(library.search(new ExerciseLibrary.Filter("core", null, null)))
				.isNotEmpty().allSatisfy(it -> assertThat(it.region()).isEqualTo("core"));
		assertThat(library.search(new ExerciseLibrary.Filter(null, null, "PLANK")))
				.extracting(Exercise::slug).contains("plank", "side-plank", "modified-plank");
		assertThat(library.search(new ExerciseLibrary.Filter(null, null, "%"))).isEmpty();
	}

	@Test
	void aNewClinicStartsWithTheFiveTemplatesOnceOnly(Scenario scenario) {

		var clinic = TenantId.of("c-" + UUID.randomUUID());

		scenario.stimulate(() -> clinics.register(clinic, "Clinic"))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, templates::all), list -> list.size() == 5)
				.andVerify(list -> assertThat(list).extracting(ProgramTemplate::key).containsExactlyInAnyOrder(
						"flare-mobility", "flare-prevention-core", "sciatica-stretch-strengthen", "walking-micro-walks",
						"stabilisation-progression"));

		assertThat(CurrentTenant.callAs(clinic, templates::seedDefaults)).isZero();
		assertThat(CurrentTenant.callAs(TenantId.of("o-" + UUID.randomUUID()), templates::all)).isEmpty();

		var flare = CurrentTenant.callAs(clinic, templates::all).stream()
				.filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow();
		assertThat(flare.phases()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(flare.phases().get(0).exercises()).extracting(ProgramTemplate.Prescribed::slug)
				.contains("pelvic-tilt", "knee-hug", "knee-rocking");
		assertThat(flare.phases().stream().skip(1).flatMap(it -> it.exercises().stream()))
				.extracting(ProgramTemplate.Prescribed::slug).contains("back-extension", "prone-press-up");
		assertThat(flare.walking()).isNotNull();
	}

}
