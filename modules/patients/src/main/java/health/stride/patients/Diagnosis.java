package health.stride.patients;

/** A diagnosis the patient knows they have; none chosen means none or not known. */
public enum Diagnosis implements Coded {

	HERNIATED_DISC("herniated-disc"), SCIATICA("sciatica"),
	SPINAL_STENOSIS("spinal-stenosis");

	private final String code;

	Diagnosis(String code) {
		this.code = code;
	}

	@Override
	public String code() {
		return code;
	}
}
