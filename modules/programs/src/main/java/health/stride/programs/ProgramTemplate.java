package health.stride.programs;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A clinic's starting point for patients' plans: phases of exercises with their dosing (the next
 * phase starts when its condition is met), and a walking target.
 */
public record ProgramTemplate(UUID id, @Nullable String key, String name, String description, List<Phase> phases,
		@Nullable Walking walking, long version) {

	public ProgramTemplate {
		phases = List.copyOf(phases);
	}

	public record Phase(String name, @Nullable String advanceWhen, List<Prescribed> exercises) {

		public Phase {
			exercises = List.copyOf(exercises);
		}
	}

	/** An exercise of the library with the dosing chosen for it. */
	public record Prescribed(String slug, Dosing dosing) {}

	public record Walking(int minutesPerSession, int sessionsPerDay, int daysPerWeek, int goalMinutes,
			@Nullable String note) {}
}
