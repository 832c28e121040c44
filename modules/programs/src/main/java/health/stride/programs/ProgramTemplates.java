package health.stride.programs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The current clinic's program templates. */
public interface ProgramTemplates {

	/** Someone saved the template since it was opened; nothing was changed. */
	final class StaleVersion extends RuntimeException {

		public StaleVersion() {
			super("Someone saved this template in the meantime.");
		}
	}

	/** What a clinic's template says: its name, description, phases and walking target. */
	record Draft(String name, String description, List<ProgramTemplate.Phase> phases,
			ProgramTemplate.@Nullable Walking walking) {

		public Draft {
			phases = List.copyOf(phases);
		}
	}

	/**
	 * Adds a template of the clinic's own.
	 *
	 * @throws IllegalArgumentException for an exercise not in the library or a phase without exercises
	 */
	ProgramTemplate create(Draft draft, String createdBy);

	/**
	 * Saves changes to one of the clinic's templates. Plans made from it before keep what they were given.
	 *
	 * @param expectedVersion the version the changes were made to
	 * @throws StaleVersion if the template was saved since
	 * @throws IllegalArgumentException for an exercise not in the library or a phase without exercises
	 */
	ProgramTemplate update(UUID id, long expectedVersion, Draft draft);

	List<ProgramTemplate> all();

	Optional<ProgramTemplate> find(UUID id);

	/** Gives the current clinic Stride's templates it does not have yet (by key); the clinic's own edits stay. */
	int seedDefaults();
}
