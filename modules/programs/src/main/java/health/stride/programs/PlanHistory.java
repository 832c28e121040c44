package health.stride.programs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;

/**
 * Patients' plans as a record to hand on (the FHIR API): every saved version whole, what the plan was after
 * that save, and where each plan stands now, ended or not. It answers whoever asks: the caller decides who may
 * read whose plan, and audits it.
 */
public interface PlanHistory {

	/** Where a plan stands: followed, held while a red flag is open, or ended by a discharge. */
	enum Standing {
		ACTIVE, ON_HOLD, ENDED
	}

	/**
	 * A plan as it stands now: its latest version, since when the program it follows was assigned, when it
	 * was last saved, and since when it is held or ended, if it is.
	 */
	record PlanStatus(UUID plan, PatientId patient, long version, Standing standing, Instant assignedAt,
			Instant updatedAt, @Nullable Instant heldSince, @Nullable Instant endedAt) {}

	/**
	 * One saved version, whole: the plan's name, phases, current phase and walking target after that save,
	 * what the save changed (in words), who saved it and when, and since when the program of that version
	 * was assigned (a new assignment is a version of the patient's one plan too).
	 */
	record SavedVersion(UUID plan, PatientId patient, long version, String name, List<ProgramTemplate.Phase> phases,
			int currentPhase, ProgramTemplate.@Nullable Walking walking, List<Phrase> changes, String changedBy,
			Instant changedAt, Instant assignedAt) {

		public SavedVersion {
			phases = List.copyOf(phases);
			changes = List.copyOf(changes);
		}

		public ProgramTemplate.Phase phase() {
			return phases.get(Math.min(currentPhase, phases.size() - 1));
		}

		@Override
		public String toString() {
			return "SavedVersion[plan=" + plan + ", version=" + version + "]"; // a plan is health information
		}
	}

	/** The plan with this id, ended or not. */
	Optional<PlanStatus> find(UUID plan);

	/** The patient's plan, ended or not; none until a therapist assigned one. */
	Optional<PlanStatus> ofPatient(PatientId patient);

	/** Every saved version of the plan, the newest first; none for a plan the clinic does not have. */
	List<SavedVersion> versions(UUID plan);

	/** One saved version of the plan. */
	Optional<SavedVersion> version(UUID plan, long version);

	/**
	 * One page of the plans standing so, of these patients ({@code null}: every patient of the current
	 * clinic), the one saved last first.
	 */
	List<PlanStatus> page(@Nullable Collection<PatientId> patients, Set<Standing> standings, int offset, int limit);
}
