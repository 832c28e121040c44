package health.stride.programs.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import health.stride.patients.RedFlagsCleared;
import health.stride.patients.RedFlagsReported;
import health.stride.programs.Plans;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * A red flag puts the patient's exercise on hold until a clinician has cleared every open one.
 * Handling an event twice has the effect of handling it once.
 */
@Component
class RedFlagHoldListener {

	private final Plans plans;

	RedFlagHoldListener(Plans plans) {
		this.plans = plans;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(RedFlagsReported event) {
		CurrentTenant.runAs(event.tenant(), () -> plans.hold(event.patient(), event.emergency()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(RedFlagsCleared event) {
		if (!event.anyOpen()) {
			CurrentTenant.runAs(event.tenant(), () -> plans.release(event.patient()));
		}
	}
}
