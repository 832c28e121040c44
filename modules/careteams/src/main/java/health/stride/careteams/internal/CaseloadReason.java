package health.stride.careteams.internal;

/**
 * Why a patient needs their clinician's attention, most urgent first. The code is the word the
 * API uses, and ends the message key of its label ({@code careteams.caseload.reason.<code>}).
 */
public enum CaseloadReason {

	RED_FLAG("red-flag", 1),
	/** An urgent mood screening answer not yet reviewed: as urgent as a red flag. */
	MOOD_URGENT("mood-urgent", 1),
	PAIN_FLARE("pain-flare", 2), UNANSWERED_MESSAGE("unanswered-message", 3), MISSED_VISIT("missed-visit", 4),
	NEEDS_PLAN("needs-plan", 5),
	INACTIVE("inactive", 6), READY_TO_PROGRESS("ready-to-progress", 7);

	private final String code;
	private final int priority;

	CaseloadReason(String code, int priority) {
		this.code = code;
		this.priority = priority;
	}

	public String code() {
		return code;
	}

	/** The priority of a patient whose most urgent reason this is: 1 is the most urgent. */
	public int priority() {
		return priority;
	}

	/** The priority of a patient with no reason at all. */
	public static final int ROUTINE = 8;

	public static java.util.Optional<CaseloadReason> ofCode(String code) {
		return java.util.Arrays.stream(values()).filter(it -> it.code.equals(code)).findFirst();
	}
}
