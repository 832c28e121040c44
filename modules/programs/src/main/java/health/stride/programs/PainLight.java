package health.stride.programs;

/**
 * The in-session pain traffic light: 0–3 carry on, 4–5 ease the range or the dose, 6–10 stop that
 * exercise and reduce the load.
 */
public enum PainLight {

	GREEN("Fine to carry on", "Some discomfort is fine if it fades when you stop."),
	AMBER("Ease off", "Make the movement smaller or do fewer repetitions."),
	RED("Stop and reduce", "Stop this exercise for today and tell your care team if it does not settle.");

	private final String label;
	private final String advice;

	PainLight(String label, String advice) {
		this.label = label;
		this.advice = advice;
	}

	public static PainLight of(int pain) {
		return pain <= 3 ? GREEN : pain <= 5 ? AMBER : RED;
	}

	public String label() {
		return label;
	}

	public String advice() {
		return advice;
	}
}
