package health.stride.visits;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of visit the current clinic holds, and its notice period for changes. Every clinic
 * starts with the four seeded kinds.
 */
public interface VisitTypes {

	Duration DEFAULT_NOTICE = Duration.ofHours(24);

	/** The clinic's kinds in their order, without retired ones. */
	List<VisitType> all();

	/** A kind by its key, retired ones included (past visits keep theirs). */
	Optional<VisitType> find(String key);

	/**
	 * Adds a kind, or changes the one with the same key.
	 *
	 * @throws health.stride.platform.validation.InvalidInput for a key, name or length out of bounds
	 */
	void save(VisitType type);

	/** Retires a kind: no new visit may be booked with it; booked ones keep it. */
	void retire(String key);

	/** A visit moved or cancelled by the patient less than this before it starts is recorded as late. */
	Duration noticePeriod();

	/** @throws health.stride.platform.validation.InvalidInput unless between 0 and 14 days */
	void changeNoticePeriod(Duration notice);
}
