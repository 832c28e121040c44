package health.stride.programs.web;

/** What a patient is told after a session that ended in a pain flare. */
final class SessionGuidance {

	private SessionGuidance() {}

	static final String SCALE_BACK = "Your pain flared during this session. Scale back for the next few days: do fewer"
			+ " repetitions, make each movement smaller, and walk for shorter stretches at an easier pace. Stop any"
			+ " exercise that sends pain further down your leg. Your care team has been told and will be in touch.";
}
