package health.stride.patients;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The care team of record. The care teams module decides who cares for a patient (licensure,
 * workload) and records it here; every other module asks here whether someone is on a patient's
 * care team.
 */
public interface CareTeams {

	/**
	 * Sets the patient's care team. Assigning the same team again changes nothing and announces
	 * nothing.
	 *
	 * @throws IllegalArgumentException if the current clinic has no such patient, or a clinician left the clinic
	 */
	void assign(PatientId patient, CareTeam.Member therapist, CareTeam.@Nullable Member coach);

	/**
	 * Takes a clinician who left the clinic off every care team, in the caller's transaction; from
	 * now on no care-team check lets them in, even if a late event names them again. Their patients
	 * keep the rest of their team; the care teams module then finds them someone new.
	 *
	 * @return the patients whose care team the clinician left
	 */
	List<PatientId> departed(String username);

	/** The patient's care team of record, without anyone who left the clinic. */
	Optional<CareTeam> of(PatientId patient);

	/** Whether the clinician with this username is on the patient's care team (and has not left the clinic). */
	boolean isOnCareTeam(PatientId patient, String username);

	/** The patients this clinician cares for, as therapist or coach (none once they left the clinic). */
	List<PatientId> patientsOf(String username);
}
