package health.stride.patients;

/** Where it hurts. */
public enum PainRegion implements Coded {

	LOW_BACK("low-back"), MID_BACK("mid-back"), NECK("neck"),
	LEFT_BUTTOCK("left-buttock"), RIGHT_BUTTOCK("right-buttock"),
	LEFT_HIP("left-hip"), RIGHT_HIP("right-hip"), LEFT_LEG("left-leg"),
	RIGHT_LEG("right-leg"), LEFT_FOOT("left-foot"), RIGHT_FOOT("right-foot");

	private final String code;

	PainRegion(String code) {
		this.code = code;
	}

	@Override
	public String code() {
		return code;
	}
}
