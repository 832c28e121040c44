package health.stride.programs;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The exercise library: the exercises every clinic shares, and the current clinic's own, which its
 * therapists and administrators add and edit.
 */
public interface ExerciseLibrary {

	/** The values an exercise's fields take, as the library's table allows them. */
	List<String> REGIONS = List.of("low-back", "core", "hips", "legs", "upper-body", "whole-body");
	List<String> POSITIONS = List.of("SUPINE", "PRONE", "QUADRUPED", "SIDE_LYING", "SEATED", "STANDING", "KNEELING",
			"HANGING");
	List<String> EQUIPMENT = List.of("NONE", "MAT", "BALL", "BAR", "STRAPS", "POOL", "BIKE");
	List<String> KINDS = List.of("MOBILITY", "STRETCH", "STRENGTH", "STABILITY", "CARDIO");

	/** The tags tailoring and the library's filters know. */
	List<String> TAGS = List.of("prone", "extension-bias", "flexion-bias", "spinal-load-high", "neutral-spine",
			"flare-safe", "beginner", "balance", "cardio");

	/** The tags staff choose for an exercise: all but {@value Exercise#PRONE}, which follows the position. */
	List<String> CHOSEN_TAGS = TAGS.stream().filter(it -> !it.equals(Exercise.PRONE)).toList();

	/** A clinic's own exercise as its staff describe it; the slug is made from the name. */
	record NewExercise(String name, String region, String position, String equipment, String kind, Dosing dosing,
			List<String> steps, List<String> safety, Set<String> tags, @Nullable String regression,
			@Nullable String progression) {

		public NewExercise {
			steps = List.copyOf(steps);
			safety = List.copyOf(safety);
			tags = Exercise.tagsFor(position, tags);
		}
	}

	/** The library has an exercise of that name already (the shared library or the clinic's own). */
	final class NameTaken extends RuntimeException {

		public NameTaken(String name) {
			super("The library has an exercise called " + name + " already.");
		}
	}

	/** Which exercises to show: by body region, by tag, by words in the name (all optional). */
	record Filter(@Nullable String region, @Nullable String tag, @Nullable String text) {

		public static Filter none() {
			return new Filter(null, null, null);
		}
	}

	/**
	 * Adds an exercise of the current clinic's own.
	 *
	 * @throws NameTaken if the library has an exercise of that name
	 * @throws IllegalArgumentException if an easier or harder alternative is not in the library
	 */
	Exercise addCustom(NewExercise exercise, String createdBy);

	/**
	 * Changes one of the current clinic's own exercises; its slug stays, so plans that use it keep it.
	 *
	 * @return false if the clinic has no exercise of its own with that slug
	 * @throws NameTaken if the new name is another exercise's
	 * @throws IllegalArgumentException if an easier or harder alternative is not in the library
	 */
	boolean updateCustom(String slug, NewExercise exercise);

	List<Exercise> search(Filter filter);

	/**
	 * The exercises to show a reader: a shared exercise in the reader's language (see
	 * {@link SharedTexts}), found by its name in that language or in English, in the order of the
	 * names the reader sees; the clinic's own as the clinic wrote them.
	 */
	List<Exercise> search(Filter filter, Locale locale);

	/** One exercise in the reader's language: a shared one translated, the clinic's own as written. */
	Optional<Exercise> find(String slug, Locale locale);

	Optional<Exercise> find(String slug);

	List<Exercise> all();

	/** The body regions and tags in use, for filters. */
	List<String> regions();

	List<String> tags();
}
