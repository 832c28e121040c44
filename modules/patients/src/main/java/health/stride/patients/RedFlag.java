package health.stride.patients;

/**
 * The red-flag screen of the clinical rules: symptoms that call for a doctor, not exercise. The
 * code is the field name in the contract's {@code redFlags} object; the question the patient is asked
 * is the message {@code patients.red-flag.<code>}.
 * <p>
 * Fever and unexplained weight loss with back pain go to the emergency department, as the signs of
 * cauda equina do: they may mean a spinal infection or a tumour, which walking and exercise will not
 * help and which should not wait for a call back.
 */
public enum RedFlag implements Coded {

	BOWEL_BLADDER("bowelBladder", Urgency.EMERGENCY),
	SADDLE_NUMBNESS("saddleNumbness", Urgency.EMERGENCY),
	PROGRESSIVE_WEAKNESS("progressiveWeakness", Urgency.EMERGENCY),
	TRAUMA("trauma", Urgency.EMERGENCY),
	FEVER("fever", Urgency.EMERGENCY),
	WEIGHT_LOSS("weightLoss", Urgency.EMERGENCY),
	SPREADING("spreading", Urgency.SAME_DAY),
	CANCER_HISTORY("cancerHistory", Urgency.SAME_DAY),
	IMMUNE("immuneSuppressed", Urgency.SAME_DAY),
	NIGHT_PAIN("nightPain", Urgency.SAME_DAY);

	/** What the patient should do now. */
	public enum Urgency {
		/** Go to an emergency department now. */
		EMERGENCY,
		/** Call your doctor today. */
		SAME_DAY
	}

	private final String code;
	private final Urgency urgency;

	RedFlag(String code, Urgency urgency) {
		this.code = code;
		this.urgency = urgency;
	}

	@Override
	public String code() {
		return code;
	}

	public Urgency urgency() {
		return urgency;
	}
}
