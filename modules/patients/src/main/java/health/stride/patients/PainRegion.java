package health.stride.patients;

/** Where it hurts. */
public enum PainRegion implements Coded {

	LOW_BACK("low-back", "Low back"), MID_BACK("mid-back", "Middle of the back"), NECK("neck", "Neck"),
	LEFT_BUTTOCK("left-buttock", "Left buttock"), RIGHT_BUTTOCK("right-buttock", "Right buttock"),
	LEFT_HIP("left-hip", "Left hip"), RIGHT_HIP("right-hip", "Right hip"), LEFT_LEG("left-leg", "Left leg"),
	RIGHT_LEG("right-leg", "Right leg"), LEFT_FOOT("left-foot", "Left foot"), RIGHT_FOOT("right-foot", "Right foot");

	private final String code;
	private final String label;

	PainRegion(String code, String label) {
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
