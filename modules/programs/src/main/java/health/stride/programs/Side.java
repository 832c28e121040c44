package health.stride.programs;

/** Whether an exercise is done once for both sides, or on each side in turn. */
public enum Side {
	BOTH, EACH
}
