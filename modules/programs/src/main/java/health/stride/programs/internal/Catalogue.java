package health.stride.programs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;

import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.Side;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stride's own clinical content, shipped with the application: the exercise library and the five
 * program templates every clinic starts with ({@code library/*.json}). Read and checked as a whole:
 * every alternative and every exercise of a template must be in the library.
 */
public final class Catalogue {

	record DosingJson(int sets, @Nullable Integer reps, @Nullable Integer durationSeconds, @Nullable Integer holdSeconds,
			Side side, int timesPerDay, int daysPerWeek, int restSeconds) {}

	record ExerciseJson(String slug, String name, String region, String position, String equipment, String kind,
			DosingJson dosing, List<String> steps, List<String> safety, List<String> tags, @Nullable String regression,
			@Nullable String progression) {}

	record PrescribedJson(String slug, int sets, @Nullable Integer reps, @Nullable Integer durationSeconds,
			@Nullable Integer holdSeconds, Side side, int timesPerDay, int daysPerWeek, int restSeconds,
			@Nullable String note) {}

	record PhaseJson(String name, @Nullable String advanceWhen, List<PrescribedJson> exercises) {}

	record TemplateJson(String key, String name, String description, List<PhaseJson> phases,
			ProgramTemplate.@Nullable Walking walking) {}

	private final List<Exercise> exercises;
	private final List<ProgramTemplate> templates;

	private Catalogue(List<Exercise> exercises, List<ProgramTemplate> templates) {
		this.exercises = exercises;
		this.templates = templates;
	}

	public static Catalogue load(JsonMapper json) {

		var exercises = read(json, "library/exercises.json", new TypeReference<List<ExerciseJson>>() {}).stream()
				.map(it -> new Exercise(it.slug(), it.name(), it.region(), it.position(), it.equipment(), it.kind(),
						new Dosing(it.dosing().sets(), it.dosing().reps(), it.dosing().durationSeconds(),
								it.dosing().holdSeconds(), it.dosing().side(), it.dosing().timesPerDay(),
								it.dosing().daysPerWeek(), it.dosing().restSeconds(), null),
						it.steps(), it.safety(), new HashSet<>(it.tags()), it.regression(), it.progression(), false))
				.toList();

		var templates = read(json, "library/templates.json", new TypeReference<List<TemplateJson>>() {}).stream()
				.map(it -> new ProgramTemplate(java.util.UUID.nameUUIDFromBytes(it.key().getBytes()), it.key(), it.name(),
						it.description(), it.phases().stream().map(phase -> new ProgramTemplate.Phase(phase.name(),
								phase.advanceWhen(), phase.exercises().stream().map(e -> new ProgramTemplate.Prescribed(e.slug(),
										new Dosing(e.sets(), e.reps(), e.durationSeconds(), e.holdSeconds(), e.side(),
												e.timesPerDay(), e.daysPerWeek(), e.restSeconds(), e.note()))).toList()))
								.toList(),
						it.walking(), 0))
				.toList();

		var catalogue = new Catalogue(exercises, templates);
		catalogue.check();
		return catalogue;
	}

	public List<Exercise> exercises() {
		return exercises;
	}

	public List<ProgramTemplate> templates() {
		return templates;
	}

	private void check() {

		var slugs = new HashSet<String>();
		for (var exercise : exercises) {
			if (!slugs.add(exercise.slug())) {
				throw new IllegalStateException("The library has " + exercise.slug() + " twice");
			}
		}
		for (var exercise : exercises) {
			for (var other : java.util.Arrays.asList(exercise.regression(), exercise.progression())) {
				if (other != null && !slugs.contains(other)) {
					throw new IllegalStateException(exercise.slug() + " names " + other + ", which is not in the library");
				}
			}
		}
		for (var template : templates) {
			template.phases().stream().flatMap(phase -> phase.exercises().stream()).filter(it -> !slugs.contains(it.slug()))
					.findFirst().ifPresent(it -> {
						throw new IllegalStateException(template.key() + " uses " + it.slug() + ", which is not in the library");
					});
		}
	}

	private static <T> T read(JsonMapper json, String resource, TypeReference<T> type) {
		try (var content = new ClassPathResource(resource).getInputStream()) {
			return json.readValue(content, type);
		} catch (IOException e) {
			throw new UncheckedIOException("Could not read " + resource, e);
		}
	}
}
