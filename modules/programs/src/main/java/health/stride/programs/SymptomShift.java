package health.stride.programs;

/** Where the symptoms went during or after a session (the contract's {@code symptomShift}). */
public enum SymptomShift {

	NONE, CENTRALIZING, PERIPHERALIZING;
}
