package health.stride.careteams.internal;

/**
 * Why a patient needs their clinician's attention, most urgent first. The code is the word the
 * API uses, and ends the message key of its label ({@code careteams.caseload.reason.<code>}).
 */
public enum CaseloadReason {

	RED_FLAG("red-flag"), PAIN_FLARE("pain-flare"), UNANSWERED_MESSAGE("unanswered-message"), MISSED_VISIT("missed-visit"),
	NEEDS_PLAN("needs-plan"),
	INACTIVE("inactive"), READY_TO_PROGRESS("ready-to-progress");

	private final String code;

	CaseloadReason(String code) {
		this.code = code;
	}

	public String code() {
		return code;
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
