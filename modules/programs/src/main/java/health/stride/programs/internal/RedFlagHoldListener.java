package health.stride.programs.internal;

import org.springframework.stereotype.Component;

import health.stride.patients.PatientId;
import health.stride.patients.RedFlags;
import health.stride.patients.RedFlagsCleared;
import health.stride.patients.RedFlagsReported;
import health.stride.platform.tenancy.ClinicListener;

/**
 * A red flag puts the patient's exercise on hold until a clinician has cleared every open one.
 * Each event makes the hold follow the flags open at that moment, so handling an event twice, or
 * late, has the effect of handling it once.
 */
@Component
class RedFlagHoldListener {

	private final PlanService plans;
	private final RedFlags redFlags;

	RedFlagHoldListener(PlanService plans, RedFlags redFlags) {
		this.plans = plans;
		this.redFlags = redFlags;
	}

	@ClinicListener
	void on(RedFlagsReported event) {
		follow(event.patient());
	}

	@ClinicListener
	void on(RedFlagsCleared event) {
		follow(event.patient());
	}

	/** Holds or releases by the flags open now, whatever order the events arrive in. */
	private void follow(PatientId patient) {
		var open = redFlags.open(patient);
		if (open.isEmpty()) {
			plans.release(patient);
		} else {
			plans.hold(patient, open.stream().anyMatch(it -> it.emergency()));
		}
	}
}
