package health.stride.patients;

/**
 * The red-flag screen of the clinical rules: symptoms that call for a doctor, not exercise. The
 * code is the field name in the contract's {@code redFlags} object.
 */
public enum RedFlag implements Coded {

	BOWEL_BLADDER("bowelBladder", Urgency.EMERGENCY,
			"New loss of control of your bladder or bowels"),
	SADDLE_NUMBNESS("saddleNumbness", Urgency.EMERGENCY,
			"New numbness in your groin, between your legs or around your bottom"),
	PROGRESSIVE_WEAKNESS("progressiveWeakness", Urgency.EMERGENCY,
			"Weakness or numbness in a leg that keeps getting worse"),
	TRAUMA("trauma", Urgency.EMERGENCY,
			"The pain started after a fall, an accident or another hard injury"),
	FEVER("fever", Urgency.SAME_DAY,
			"A fever together with your back pain"),
	WEIGHT_LOSS("weightLoss", Urgency.SAME_DAY,
			"Losing weight without trying"),
	SPREADING("spreading", Urgency.SAME_DAY,
			"Pain spreading to other parts of your body, or getting worse over several weeks"),
	CANCER_HISTORY("cancerHistory", Urgency.SAME_DAY,
			"You have had cancer"),
	IMMUNE("immuneSuppressed", Urgency.SAME_DAY,
			"You inject drugs, or take medicine that weakens your immune system"),
	NIGHT_PAIN("nightPain", Urgency.SAME_DAY,
			"Pain at night, or pain that is worse when you lie down");

	/** What the patient should do now. */
	public enum Urgency {
		/** Go to an emergency department now. */
		EMERGENCY,
		/** Call your doctor today. */
		SAME_DAY
	}

	private final String code;
	private final Urgency urgency;
	private final String question;

	RedFlag(String code, Urgency urgency, String question) {
		this.code = code;
		this.urgency = urgency;
		this.question = question;
	}

	@Override
	public String code() {
		return code;
	}

	public Urgency urgency() {
		return urgency;
	}

	/** The symptom as the patient is asked about it. */
	public String question() {
		return question;
	}
}
