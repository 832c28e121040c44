package health.stride.programs;

/** Where the symptoms went during or after a session (the contract's {@code symptomShift}). */
public enum SymptomShift {

	NONE, CENTRALIZING, PERIPHERALIZING;

	/** In English; pages show {@code programs.symptom-shift.<NAME>} in the reader's language. */
	public String label() {
		return EnglishWords.of("programs.symptom-shift." + name());
	}
}
