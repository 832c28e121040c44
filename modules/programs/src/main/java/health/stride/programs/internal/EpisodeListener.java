package health.stride.programs.internal;

import org.springframework.stereotype.Component;

import health.stride.patients.Episodes;
import health.stride.patients.PatientDischarged;
import health.stride.platform.tenancy.ClinicListener;

/**
 * A discharge ends the patient's plan and keeps the episode's outcomes as they stood. The first kept
 * outcomes win, and the plan is ended only while the discharged episode is still the patient's
 * latest, so a replay after the patient came back leaves the new episode's plan alone. A new
 * episode needs nothing here: the therapist assigns its plan.
 */
@Component
class EpisodeListener {

	private final PlanService plans;
	private final JdbcOutcomes outcomes;
	private final Episodes episodes;

	EpisodeListener(PlanService plans, JdbcOutcomes outcomes, Episodes episodes) {
		this.plans = plans;
		this.outcomes = outcomes;
		this.episodes = episodes;
	}

	@ClinicListener
	void on(PatientDischarged event) {
		outcomes.keep(event.patient(), event.episode());
		if (episodes.current(event.patient()).filter(it -> it.number() == event.episode() && !it.isOpen()).isPresent()) {
			plans.end(event.patient());
		}
	}
}
