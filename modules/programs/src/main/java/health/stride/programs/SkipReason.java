package health.stride.programs;

/** Why the patient skipped an exercise of the session. */
public enum SkipReason {

	PAIN, NO_TIME, TOO_HARD, TOO_EASY;

	/** In English; pages show {@code programs.skip-reason.<NAME>} in the reader's language. */
	public String label() {
		return EnglishWords.of("programs.skip-reason." + name());
	}
}
