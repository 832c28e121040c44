package health.stride.programs;

/** How hard the session felt to the patient. */
public enum Effort {

	EASY("Easy"), RIGHT("About right"), HARD("Hard");

	private final String label;

	Effort(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
