package health.stride.programs;

/** How hard the session felt to the patient. */
public enum Effort {

	EASY, RIGHT, HARD;

	/** In English; pages show {@code programs.effort.<NAME>} in the reader's language. */
	public String label() {
		return EnglishWords.of("programs.effort." + name());
	}
}
