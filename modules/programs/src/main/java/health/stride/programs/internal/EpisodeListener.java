package health.stride.programs.internal;

import org.springframework.stereotype.Component;

import health.stride.patients.PatientDischarged;
import health.stride.platform.tenancy.ClinicListener;

/**
 * A discharge ends the patient's plan and keeps the episode's outcomes as they stood. Both are
 * idempotent (an ended plan stays ended, the first kept outcomes win), so a replayed event changes
 * nothing. A new episode needs nothing here: the therapist assigns its plan.
 */
@Component
class EpisodeListener {

	private final PlanService plans;
	private final JdbcOutcomes outcomes;

	EpisodeListener(PlanService plans, JdbcOutcomes outcomes) {
		this.plans = plans;
		this.outcomes = outcomes;
	}

	@ClinicListener
	void on(PatientDischarged event) {
		outcomes.keep(event.patient(), event.episode());
		plans.end(event.patient());
	}
}
