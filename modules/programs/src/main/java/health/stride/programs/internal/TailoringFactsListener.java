package health.stride.programs.internal;

import org.springframework.stereotype.Component;

import health.stride.patients.IntakeCompleted;
import health.stride.patients.Intakes;
import health.stride.platform.tenancy.ClinicListener;

/**
 * Keeps what a finished intake says about exercises that may not suit the patient, for the tailoring
 * warnings. The facts are asked from the patients module (the event carries none); a finished intake
 * never changes, so a redelivered event records the same facts again.
 */
@Component
class TailoringFactsListener {

	private final Tailoring tailoring;
	private final Intakes intakes;

	TailoringFactsListener(Tailoring tailoring, Intakes intakes) {
		this.tailoring = tailoring;
		this.intakes = intakes;
	}

	@ClinicListener
	void on(IntakeCompleted event) {
		intakes.factsOf(event.patient()).ifPresent(facts -> tailoring.record(event.patient(), facts.proneIntolerant(),
				facts.extensionIntolerant(), facts.flexionTriggered(), facts.painNow(), facts.painDuration(),
				facts.stenosis()));
	}
}
