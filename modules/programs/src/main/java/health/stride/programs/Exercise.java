package health.stride.programs;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An exercise of the library: where and how it is done, its usual dosing, the steps and safety
 * cues the patient reads, the tags tailoring works with, and its easier and harder alternatives.
 * Custom exercises are the clinic's own; the others are the library every clinic shares.
 * <p>
 * The {@value #PRONE} tag is not kept by hand: it follows the starting position, so an exercise done
 * lying face down always carries it and no other does.
 */
public record Exercise(String slug, String name, String region, String position, String equipment, String kind,
		Dosing dosing, List<String> steps, List<String> safety, Set<String> tags, @Nullable String regression,
		@Nullable String progression, boolean custom) {

	/** The tag of the exercises done lying face down, derived from the position. */
	public static final String PRONE = "prone";

	public Exercise {
		steps = List.copyOf(steps);
		safety = List.copyOf(safety);
		tags = tagsFor(position, tags);
	}

	/** The tags as given, with {@value #PRONE} set by the position instead of by hand. */
	public static Set<String> tagsFor(String position, Set<String> tags) {
		var derived = new java.util.HashSet<>(tags);
		derived.remove(PRONE);
		if ("PRONE".equals(position)) {
			derived.add(PRONE);
		}
		return Set.copyOf(derived);
	}

	/** Whether the patient lies face down for it: what a patient who cannot lie on the stomach avoids. */
	public boolean liesFaceDown() {
		return "PRONE".equals(position);
	}

	/** Whether the patient hangs from a bar for it (feet supported or not). */
	public boolean hangs() {
		return "HANGING".equals(position);
	}

	public List<String> sortedTags() {
		return tags.stream().sorted().toList();
	}

	/** The exercise's illustration: a drawing of its starting position, served with the application. */
	public String illustration() {
		return "/images/positions/" + position.toLowerCase(java.util.Locale.ROOT) + ".svg";
	}

	public boolean tagged(String tag) {
		return tags.contains(tag);
	}
}
