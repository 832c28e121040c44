package health.stride.careteams;

import java.util.SortedSet;

public record ClinicianSummary(ClinicianId id, String username, String displayName, ClinicianRole role,
		SortedSet<String> licensedStates) {}
