package health.stride.patients;

/** A diagnosis the patient knows they have; none chosen means none or not known. */
public enum Diagnosis implements Coded {

	HERNIATED_DISC("herniated-disc", "Herniated (slipped) disc"), SCIATICA("sciatica", "Sciatica"),
	SPINAL_STENOSIS("spinal-stenosis", "Spinal stenosis");

	private final String code;
	private final String label;

	Diagnosis(String code, String label) {
		this.code = code;
		this.label = label;
	}

	@Override
	public String code() {
		return code;
	}

	public String label() {
		return label;
	}
}
