package health.stride.programs.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import health.stride.patients.IntakeCompleted;
import health.stride.programs.Tailoring;
import health.stride.platform.tenancy.CurrentTenant;

/** Keeps what a finished intake says about exercises that may not suit the patient, for the tailoring warnings. */
@Component
class TailoringFactsListener {

	private final Tailoring tailoring;

	TailoringFactsListener(Tailoring tailoring) {
		this.tailoring = tailoring;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(IntakeCompleted event) {
		CurrentTenant.runAs(event.tenant(), () -> tailoring.record(event.patient(), event.proneIntolerant(),
				event.extensionIntolerant(), event.flexionTriggered(), event.painNow()));
	}
}
