package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import health.stride.platform.i18n.Language;
import health.stride.programs.Lesson;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stride's own lessons as shipped: the topics the issue names, 200 to 500 words, in English and in Spanish. */
class LessonCatalogueTests {

	static final List<String> TOPICS = List.of("disc-herniation", "movement-as-medicine", "walking-for-back-pain",
			"heat-or-cold", "massage-and-self-massage", "sitting-sleeping-lifting", "flare-up-plan", "when-to-call-or-go");

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyLessonHas200To500WordsATakeawayAndAReviewDateInBothLanguages() throws IOException {

		var english = json.readValue(new ClassPathResource("library/lessons.json").getInputStream(),
				new TypeReference<Map<String, Object>>() {});
		var spanish = json.readValue(new ClassPathResource("library/lessons_es.json").getInputStream(),
				new TypeReference<Map<String, Map<String, Object>>>() {});

		@SuppressWarnings("unchecked")
		var lessons = (List<Map<String, Object>>) english.get("lessons");
		assertThat(lessons).extracting(it -> it.get("slug")).containsAll(TOPICS);
		assertThat(spanish.keySet()).containsExactlyInAnyOrderElementsOf(lessons.stream().map(it -> (String) it.get("slug")).toList());

		var softly = new org.assertj.core.api.SoftAssertions();
		for (var lesson : lessons) {
			var slug = (String) lesson.get("slug");
			var translated = spanish.get(slug);
			for (var text : List.of(lesson, translated)) {
				var language = text == lesson ? "English" : "Spanish";
				softly.assertThat(words(text)).as("%s (%s) words", slug, language).isBetween(200, 500);
				softly.assertThat((String) text.get("takeaway")).as("%s (%s) takeaway", slug, language).isNotBlank()
						.doesNotContain("\n").hasSizeLessThanOrEqualTo(200);
				softly.assertThat((String) text.get("title")).as("%s (%s) title", slug, language).isNotBlank();
			}
			softly.assertThat((String) lesson.get("reviewedOn")).as("%s reviewed on", slug).matches("\\d{4}-\\d{2}-\\d{2}");
			softly.assertThat(translated.get("title")).as("%s is translated", slug).isNotEqualTo(lesson.get("title"));
			softly.assertThat(translated.get("takeaway")).as("%s is translated", slug).isNotEqualTo(lesson.get("takeaway"));
		}
		softly.assertAll();
	}

	@Test
	void readsTheCatalogueWithEveryTemplatesLessonsAndReadingMinutes() {

		var catalogue = new LessonCatalogue(json);

		assertThat(catalogue.all(Locale.ENGLISH)).extracting(Lesson::slug).containsAll(TOPICS);
		assertThat(catalogue.all(Locale.ENGLISH)).allSatisfy(it -> {
			assertThat(it.minutes()).isBetween(1, 3);
			assertThat(it.custom()).isFalse();
		});
		assertThat(catalogue.find("heat-or-cold", Language.SPANISH.locale()).orElseThrow().title())
				.startsWith("Calor o frío");
		for (var key : List.of("flare-mobility", "flare-prevention-core", "sciatica-stretch-strengthen",
				"walking-micro-walks", "stabilisation-progression")) {
			assertThat(catalogue.ofTemplate(key)).as(key).containsExactlyInAnyOrderElementsOf(TOPICS);
		}
		assertThat(catalogue.ofTemplate(null)).isEmpty();
		assertThat(catalogue.ofTemplate("a-clinics-own")).isEmpty();
	}

	@Test
	void theEmergencyLessonNamesStridesEmergencySigns() {

		var lesson = new LessonCatalogue(json).find("when-to-call-or-go", Locale.ENGLISH).orElseThrow();
		assertThat(String.join(" ", lesson.paragraphs())).contains("bladder or bowels", "saddle",
				"getting weaker", "fever", "weight loss", "fall", "911");
	}

	@SuppressWarnings("unchecked")
	private static int words(Map<String, Object> text) {
		return ((List<String>) text.get("paragraphs")).stream().mapToInt(Lesson::words).sum();
	}
}
