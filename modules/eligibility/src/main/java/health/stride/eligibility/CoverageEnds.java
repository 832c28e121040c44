package health.stride.eligibility;

import java.time.LocalDate;
import java.util.Optional;

/** When the sponsor's cover of a member who signed up ends, as the last roster says. */
public interface CoverageEnds {

	/** The last day the sponsor covers this enrollment's member; empty when no end is known. */
	Optional<LocalDate> of(EnrollmentId enrollment);
}
