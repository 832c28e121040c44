package health.stride.programs;

/** Why the patient skipped an exercise of the session. */
public enum SkipReason {

	PAIN("It hurt"), NO_TIME("No time"), TOO_HARD("Too hard"), TOO_EASY("Too easy");

	private final String label;

	SkipReason(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
