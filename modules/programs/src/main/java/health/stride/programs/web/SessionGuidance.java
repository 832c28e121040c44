package health.stride.programs.web;

/** What a patient is told after a session that ended in a pain flare: its message code. */
final class SessionGuidance {

	private SessionGuidance() {}

	static final String SCALE_BACK = "programs.session.guidance.scale-back";
}
