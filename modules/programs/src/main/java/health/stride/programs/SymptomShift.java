package health.stride.programs;

/** Where the symptoms went during or after a session (the contract's {@code symptomShift}). */
public enum SymptomShift {

	NONE("No change"), CENTRALIZING("Toward the middle of my back"), PERIPHERALIZING("Further down my leg");

	private final String label;

	SymptomShift(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
