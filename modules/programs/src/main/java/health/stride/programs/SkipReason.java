package health.stride.programs;

/** Why the patient skipped an exercise of the session. */
public enum SkipReason {

	PAIN, NO_TIME, TOO_HARD, TOO_EASY;
}
