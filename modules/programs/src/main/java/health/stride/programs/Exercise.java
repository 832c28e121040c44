package health.stride.programs;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An exercise of the library: where and how it is done, its usual dosing, the steps and safety
 * cues the patient reads, the tags tailoring works with, and its easier and harder alternatives.
 * Custom exercises are the clinic's own; the others are the library every clinic shares.
 */
public record Exercise(String slug, String name, String region, String position, String equipment, String kind,
		Dosing dosing, List<String> steps, List<String> safety, Set<String> tags, @Nullable String regression,
		@Nullable String progression, boolean custom) {

	public Exercise {
		steps = List.copyOf(steps);
		safety = List.copyOf(safety);
		tags = Set.copyOf(tags);
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
