package health.stride.careteams;

import java.util.List;
import java.util.SortedSet;

/**
 * A therapist or coach of the clinic.
 *
 * @param licensedStates the states where their license or compact privilege is valid today
 * @param capacity how many active patients they take on
 * @param active false once they stopped working for the clinic
 */
public record ClinicianSummary(ClinicianId id, String username, String displayName, ClinicianRole role,
		SortedSet<String> licensedStates, List<License> licenses, int capacity, boolean active) {

	public ClinicianSummary {
		licensedStates = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(licensedStates));
		licenses = List.copyOf(licenses);
	}
}
