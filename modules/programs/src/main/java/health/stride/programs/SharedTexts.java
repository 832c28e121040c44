package health.stride.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import health.stride.platform.i18n.Language;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The words of Stride's shared catalogue (the exercise library every clinic shares and the program
 * templates every clinic starts with) in the reader's language.
 * <p>
 * The catalogue ships with each version and is loaded into the database in English at every start;
 * its other languages ship beside it ({@code library/exercises_es.json} by exercise slug,
 * {@code library/templates_es.json} by template key, English text to Spanish text) and are read
 * here, so the library's table, its SQL and the editors stay as they are. A clinic's own exercise
 * is never translated, and a template text is translated only while it is still the catalogue's
 * English word for word: what a clinic wrote or edited is shown as the clinic wrote it.
 */
@Component
public class SharedTexts {

	/** A shared exercise's words in one language. */
	public record ExerciseText(String name, List<String> steps, List<String> safety) {}

	private final Map<String, ExerciseText> spanishExercises;
	private final Map<String, Map<String, String>> spanishTemplates;
	private final Map<String, String> spanishTemplateTexts = new HashMap<>();

	SharedTexts(JsonMapper json) {
		this.spanishExercises = read(json, "library/exercises_es.json", new TypeReference<Map<String, ExerciseText>>() {});
		this.spanishTemplates = read(json, "library/templates_es.json",
				new TypeReference<Map<String, Map<String, String>>>() {});
		spanishTemplates.values().forEach(spanishTemplateTexts::putAll);
	}

	/**
	 * The exercise with its name, steps and safety cues in the locale's language, if it is a shared
	 * exercise translated completely; otherwise the exercise as it is.
	 */
	public Exercise localize(Exercise exercise, Locale locale) {
		return text(exercise, locale).map(it -> new Exercise(exercise.slug(), it.name(), exercise.region(),
				exercise.position(), exercise.equipment(), exercise.kind(), exercise.dosing(), it.steps(), it.safety(),
				exercise.tags(), exercise.regression(), exercise.progression(), exercise.custom())).orElse(exercise);
	}

	/** A shared exercise's words in a language other than English, where the catalogue has them all. */
	public Optional<ExerciseText> text(Exercise exercise, Locale locale) {
		if (exercise.custom() || !spanish(locale)) {
			return Optional.empty();
		}
		return Optional.ofNullable(spanishExercises.get(exercise.slug()))
				.filter(it -> it.steps().size() == exercise.steps().size() && it.safety().size() == exercise.safety().size());
	}

	/**
	 * A text of a shared template (its name, description, a phase's name or condition, a note, the
	 * walking note) in the locale's language, while it is still the catalogue's English word for
	 * word; any other text, a clinic's own, comes back as written.
	 */
	public String template(String text, Locale locale) {
		return spanish(locale) ? spanishTemplateTexts.getOrDefault(text, text) : text;
	}

	/** Which of the catalogue's English texts of a template have a Spanish text, by template key. */
	Map<String, Map<String, String>> spanishTemplates() {
		return spanishTemplates;
	}

	Map<String, ExerciseText> spanishExercises() {
		return spanishExercises;
	}

	private static boolean spanish(Locale locale) {
		return Language.of(locale).orElse(Language.ENGLISH) == Language.SPANISH;
	}

	private static <T> T read(JsonMapper json, String resource, TypeReference<T> type) {
		try (var content = new ClassPathResource(resource).getInputStream()) {
			return json.readValue(content, type);
		} catch (IOException e) {
			throw new UncheckedIOException("Could not read " + resource, e);
		}
	}
}
