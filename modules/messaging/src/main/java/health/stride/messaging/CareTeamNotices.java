package health.stride.messaging;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;

/**
 * Tells a patient, in their thread, who now cares for them after their care team changed. The care
 * teams module, which knows the clinicians, calls it; messaging only writes the message, once per
 * change however often it is told.
 */
@Service
public class CareTeamNotices {

	private final Threads threads;

	CareTeamNotices(Threads threads) {
		this.threads = threads;
	}

	/**
	 * Posts "Your care team changed: …" naming the new clinicians by the names patients see.
	 *
	 * @param changedAt when the change was recorded: with the patient it names the change, so telling
	 *        the same change twice posts one message
	 * @param newTherapist the new therapist's name, none if the therapist stayed
	 * @param newCoach the new coach's name, none if the coach stayed (or left without a successor)
	 */
	@Transactional
	public void announceNewClinicians(PatientId patient, Instant changedAt, @Nullable String newTherapist,
			@Nullable String newCoach) {

		if (newTherapist == null && newCoach == null) {
			return;
		}
		var who = newTherapist != null && newCoach != null
				? newTherapist + " is now your physical therapist and " + newCoach + " your health coach."
				: newTherapist != null ? newTherapist + " is now your physical therapist."
				: newCoach + " is now your health coach.";
		threads.postSystem(patient, "care-team:" + patient.id() + ":" + changedAt,
				"Your care team changed: " + who + " Write here with any question; your care team usually answers"
						+ " within one working day.",
				false);
	}
}
