package health.stride.careteams;

/**
 * Why a patient needs their clinician's attention, most urgent first. The code is the word the
 * API uses.
 */
public enum CaseloadReason {

	RED_FLAG("red-flag", "Red flag"), PAIN_FLARE("pain-flare", "Pain flare"),
	UNANSWERED_MESSAGE("unanswered-message", "Unanswered message"), NEEDS_PLAN("needs-plan", "Needs a plan"),
	INACTIVE("inactive", "No session for 7 days"), READY_TO_PROGRESS("ready-to-progress", "Ready to progress");

	private final String code;
	private final String label;

	CaseloadReason(String code, String label) {
		this.code = code;
		this.label = label;
	}

	public String code() {
		return code;
	}

	public String label() {
		return label;
	}

	/** The priority of a patient whose most urgent reason this is: 1 is the most urgent. */
	public int priority() {
		return ordinal() + 1;
	}

	/** The priority of a patient with no reason at all. */
	public static final int ROUTINE = values().length + 1;

	public static java.util.Optional<CaseloadReason> ofCode(String code) {
		return java.util.Arrays.stream(values()).filter(it -> it.code.equals(code)).findFirst();
	}
}
