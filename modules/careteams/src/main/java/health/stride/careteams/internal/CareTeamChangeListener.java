package health.stride.careteams.internal;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import health.stride.messaging.CareTeamNotices;
import health.stride.patients.CareTeamAssigned;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Tells the patient, through messaging, who joined their care team when it changed (a clinic
 * administrator's reassignment, a clinician leaving). Messaging cannot know clinicians' names, so
 * they are looked up here, by the ids in the event rather than from the current team, which a later
 * change may have overtaken. Messaging posts once per change, so a redelivered event posts nothing.
 */
@Component
class CareTeamChangeListener {

	private final Clinicians clinicians;
	private final CareTeamNotices notices;

	CareTeamChangeListener(Clinicians clinicians, CareTeamNotices notices) {
		this.clinicians = clinicians;
		this.notices = notices;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(CareTeamAssigned event) {
		if (!event.isChange()) {
			return; // a first care team is welcomed by messaging itself
		}
		CurrentTenant.runAs(event.tenant(), () -> {
			var therapist = event.therapist() == null || Objects.equals(event.therapist(), event.previousTherapist()) ? null
					: nameOf(Objects.requireNonNull(event.therapist()));
			var coach = event.coach() == null || Objects.equals(event.coach(), event.previousCoach()) ? null
					: nameOf(Objects.requireNonNull(event.coach()));
			if (therapist != null || coach != null) { // a clinician who left is announced by nobody new
				notices.announceNewClinicians(event.patient(), event.assignedAt(), therapist, coach);
			}
		});
	}

	private @Nullable String nameOf(UUID clinician) {
		return clinicians.findById(clinician).map(Clinician::displayName).orElse(null);
	}
}
