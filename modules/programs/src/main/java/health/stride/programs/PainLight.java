package health.stride.programs;

/**
 * The in-session pain traffic light: 0–3 carry on, 4–5 ease the range or the dose, 6–10 stop that
 * exercise and reduce the load.
 */
public enum PainLight {

	GREEN, AMBER, RED;

	public static PainLight of(int pain) {
		return pain <= 3 ? GREEN : pain <= 5 ? AMBER : RED;
	}
}
