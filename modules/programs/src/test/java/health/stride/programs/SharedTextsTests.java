package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import health.stride.programs.internal.Catalogue;
import tools.jackson.databind.json.JsonMapper;

/** Every shared exercise and template of the catalogue reads in Spanish; a clinic's own words stay as written. */
class SharedTextsTests {

	static final Locale SPANISH = Locale.of("es");

	final JsonMapper json = JsonMapper.builder().build();
	final Catalogue catalogue = Catalogue.load(json);
	final SharedTexts texts = new SharedTexts(json);

	@Test
	void everySharedExerciseHasItsNameStepsAndSafetyCuesInSpanish() {

		assertThat(catalogue.exercises()).hasSizeGreaterThanOrEqualTo(45).allSatisfy(exercise -> {
			var spanish = texts.text(exercise, SPANISH);
			assertThat(spanish).as(exercise.slug()).isPresent();
			assertThat(spanish.get().name()).as(exercise.slug()).isNotBlank();
			assertThat(spanish.get().steps()).as(exercise.slug()).hasSameSizeAs(exercise.steps())
					.allSatisfy(step -> assertThat(step).isNotBlank())
					.doesNotContainAnyElementsOf(exercise.steps());
			assertThat(spanish.get().safety()).as(exercise.slug()).hasSameSizeAs(exercise.safety())
					.allSatisfy(cue -> assertThat(cue).isNotBlank())
					.doesNotContainAnyElementsOf(exercise.safety());
		});
		assertThat(texts.spanishExercises().keySet())
				.as("no Spanish for an exercise the catalogue does not have")
				.containsExactlyInAnyOrderElementsOf(catalogue.exercises().stream().map(Exercise::slug).toList());
	}

	@Test
	void everyTextOfEverySeededTemplateHasItsSpanish() {

		assertThat(catalogue.templates()).hasSize(5).allSatisfy(template -> {
			var words = new ArrayList<String>(Stream.of(template.name(), template.description()).toList());
			if (template.walking() != null && template.walking().note() != null) {
				words.add(template.walking().note());
			}
			for (var phase : template.phases()) {
				words.add(phase.name());
				words.add(phase.advanceWhen());
				phase.exercises().forEach(it -> words.add(it.dosing().note()));
			}
			words.stream().filter(Objects::nonNull).forEach(english -> {
				var spanish = texts.template(english, SPANISH);
				assertThat(spanish).as(template.key() + ": " + english).isNotBlank().isNotEqualTo(english);
				assertThat(texts.template(english, Locale.ENGLISH)).isEqualTo(english);
			});
			assertThat(texts.spanishTemplates()).containsKey(template.key());
		});
	}

	@Test
	void theReaderSeesSpanishForTheSharedExerciseAndTheClinicsOwnAsWritten() {

		var bridge = catalogue.exercises().stream().filter(it -> it.slug().equals("glute-bridge")).findFirst().orElseThrow();
		assertThat(texts.localize(bridge, SPANISH).name()).isEqualTo("Puente de glúteos");
		assertThat(texts.localize(bridge, Locale.forLanguageTag("es-MX")).steps().get(0)).startsWith("Acuéstese boca arriba");
		assertThat(texts.localize(bridge, Locale.ENGLISH)).isEqualTo(bridge);

		var ours = new Exercise("glute-bridge", "Our bridge", bridge.region(), bridge.position(), bridge.equipment(),
				bridge.kind(), bridge.dosing(), java.util.List.of("Lift."), java.util.List.of(), bridge.tags(), null, null, true);
		assertThat(texts.localize(ours, SPANISH)).isEqualTo(ours);
		assertThat(texts.template("Our own words for the flare plan", SPANISH)).isEqualTo("Our own words for the flare plan");
	}
}
