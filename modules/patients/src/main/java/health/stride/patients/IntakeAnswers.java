package health.stride.patients;

import java.util.List;
import java.util.Set;

/**
 * A whole intake: where and how much it hurts, for how long, what makes it worse, known diagnoses,
 * the patient's goals in their own words, the PSFS activities and the red-flag screen (the symptoms
 * answered "yes").
 */
public record IntakeAnswers(Set<PainRegion> painRegions, int painNow, PainDuration painDuration,
		Set<Aggravator> worseWith, Set<Diagnosis> diagnoses, String goals, List<PsfsItem> psfs, Set<RedFlag> redFlags) {

	public IntakeAnswers {
		painRegions = Set.copyOf(painRegions);
		worseWith = Set.copyOf(worseWith);
		diagnoses = Set.copyOf(diagnoses);
		psfs = List.copyOf(psfs);
		redFlags = Set.copyOf(redFlags);
	}

	/** The answers, split into the steps of the intake pages. */
	public List<IntakeStep> steps() {
		return List.of(new IntakeStep.WhereItHurts(painRegions, painNow), new IntakeStep.Course(painDuration, worseWith),
				new IntakeStep.History(diagnoses, goals), new IntakeStep.Function(psfs), new IntakeStep.Screen(redFlags));
	}

	@Override
	public String toString() {
		return "IntakeAnswers[...]"; // health information stays out of logs
	}
}
