package health.stride.programs;

/** How hard the session felt to the patient. */
public enum Effort {

	EASY, RIGHT, HARD;
}
