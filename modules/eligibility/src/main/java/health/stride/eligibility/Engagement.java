package health.stride.eligibility;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Where downstream modules report that an enrolled patient was active on a day, so sponsors can
 * see engagement as counts. Reporting the same day twice counts once.
 */
public interface Engagement {

	/** Records activity of the patient (by the id their signup gave them) in the current clinic. */
	void recordActivity(UUID patientId, LocalDate day);
}
