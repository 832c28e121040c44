package health.stride.patients;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import health.stride.platform.database.TimeOrderedQueries;

/**
 * A stretch of what patients reported, read in time order a page at a time by a reader that pages through
 * long histories (the FHIR API): whose ({@code patients}, or every patient of the current clinic when
 * null), from when (inclusive) until when (exclusive, either open), newest or oldest first, and at most how
 * many records. Records at the same moment come in the order of their ids (as PostgreSQL orders uuids), so
 * that a reader can merge several kinds of records into one order and cut it anywhere.
 */
public record TimeWindow(@Nullable List<PatientId> patients, @Nullable Instant from, @Nullable Instant until,
		boolean newestFirst, int limit) {

	public TimeWindow {
		if (limit < 0) {
			throw new IllegalArgumentException("A window holds at least no record");
		}
		patients = patients == null ? null : List.copyOf(patients);
	}

	/** The window as the platform's time-ordered queries read it. */
	public TimeOrderedQueries.Window query() {
		return new TimeOrderedQueries.Window(patients == null ? null : patients.stream().map(PatientId::id).toList(),
				from, until, newestFirst, limit);
	}

	/** Everything the patient reported, newest first. */
	public static TimeWindow everythingOf(PatientId patient) {
		return new TimeWindow(List.of(patient), null, null, true, Integer.MAX_VALUE);
	}
}
