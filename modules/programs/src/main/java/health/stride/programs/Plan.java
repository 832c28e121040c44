package health.stride.programs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;

/** A patient's own plan: phases of prescribed exercises (one current), a walking target, its version. */
public record Plan(UUID id, PatientId patient, String name, List<ProgramTemplate.Phase> phases, int currentPhase,
		ProgramTemplate.@Nullable Walking walking, long version, String assignedBy, Instant assignedAt) {

	public Plan {
		phases = List.copyOf(phases);
	}

	/** How many days a week the current phase asks for: its most frequent exercise's. */
	public int daysPerWeek() {
		return phase().exercises().stream().mapToInt(it -> it.dosing().daysPerWeek()).max().orElse(0);
	}

	public ProgramTemplate.Phase phase() {
		return phases.get(Math.min(currentPhase, phases.size() - 1));
	}
}
