package health.stride.programs;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import health.stride.patients.PatientId;

/**
 * The days on which a patient reported data themself: a session (with its pain before and after), a
 * walk (with its pain) or a re-rating of their activities. What remote therapeutic monitoring counts;
 * which data it was stays here.
 */
public interface ReportedDays {

	/**
	 * The distinct days from {@code from} to {@code to} (both included), as calendar days in the zone,
	 * on which the patient reported anything, in order. A day with a session and a walk is one day.
	 */
	List<LocalDate> between(PatientId patient, LocalDate from, LocalDate to, ZoneId zone);
}
