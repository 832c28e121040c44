package health.stride.programs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import health.stride.platform.i18n.Language;
import health.stride.programs.Lesson;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stride's own lessons, shipped with the application ({@code library/lessons.json}, Spanish in
 * {@code library/lessons_es.json} by slug) with the default order of lessons of each of Stride's
 * templates. Read once and checked as a whole at start: every lesson has a takeaway, a reviewed-on
 * date and 200 to 500 words in both languages, and every template names lessons that exist.
 */
@Component
public class LessonCatalogue {

	/** The words a lesson of Stride's has, in every language. */
	public static final int FEWEST_WORDS = 200, MOST_WORDS = 500;

	record LessonJson(String slug, String title, String takeaway, LocalDate reviewedOn, List<String> paragraphs) {}

	record TextJson(String title, String takeaway, List<String> paragraphs) {}

	record CatalogueJson(Map<String, List<String>> templates, List<LessonJson> lessons) {}

	private final Map<String, Lesson> english = new LinkedHashMap<>();
	private final Map<String, Lesson> spanish = new LinkedHashMap<>();
	private final Map<String, List<String>> templates;

	LessonCatalogue(JsonMapper json) {
		var catalogue = read(json, "library/lessons.json", new TypeReference<CatalogueJson>() {});
		var translations = read(json, "library/lessons_es.json", new TypeReference<Map<String, TextJson>>() {});
		for (var it : catalogue.lessons()) {
			var lesson = new Lesson(it.slug(), it.title(), it.takeaway(), it.paragraphs(), it.reviewedOn(), false);
			check(lesson, "English");
			if (english.put(it.slug(), lesson) != null) {
				throw new IllegalStateException("The lessons have " + it.slug() + " twice");
			}
			var text = translations.get(it.slug());
			if (text == null) {
				throw new IllegalStateException(it.slug() + " has no Spanish text");
			}
			var translated = new Lesson(it.slug(), text.title(), text.takeaway(), text.paragraphs(), it.reviewedOn(), false);
			check(translated, "Spanish");
			spanish.put(it.slug(), translated);
		}
		this.templates = Map.copyOf(catalogue.templates());
		templates.forEach((key, slugs) -> slugs.stream().filter(it -> !english.containsKey(it)).findFirst()
				.ifPresent(it -> {
					throw new IllegalStateException(key + " lists the lesson " + it + ", which is not in the catalogue");
				}));
	}

	private static void check(Lesson lesson, String language) {
		if (lesson.title().isBlank() || lesson.title().length() > health.stride.programs.Lessons.TITLE_LIMIT
				|| lesson.takeaway().isBlank() || lesson.takeaway().contains("\n")
				|| lesson.takeaway().length() > health.stride.programs.Lessons.TAKEAWAY_LIMIT
				|| lesson.words() < FEWEST_WORDS || lesson.words() > MOST_WORDS) {
			throw new IllegalStateException(lesson.slug() + " (" + language + ") needs a title, a one-line takeaway and "
					+ FEWEST_WORDS + " to " + MOST_WORDS + " words; it has " + lesson.words());
		}
	}

	/** Stride's lessons in the catalogue's order, in the locale's language. */
	public List<Lesson> all(Locale locale) {
		return List.copyOf((spanish(locale) ? spanish : english).values());
	}

	public Optional<Lesson> find(String slug, Locale locale) {
		return Optional.ofNullable((spanish(locale) ? spanish : english).get(slug));
	}

	public boolean has(String slug) {
		return english.containsKey(slug);
	}

	/** The lessons of one of Stride's templates, by its key, in order; none for another template. */
	public List<String> ofTemplate(@org.jspecify.annotations.Nullable String key) {
		return key == null ? List.of() : templates.getOrDefault(key, List.of());
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
