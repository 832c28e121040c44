package health.stride.patients;

/** What makes the pain worse (the contract's {@code worseWith}). */
public enum Aggravator implements Coded {

	BENDING_FORWARD("bending-forward", "Bending forward"), BENDING_BACK("bending-back", "Bending backward"),
	SITTING("sitting", "Sitting"), STANDING("standing", "Standing"), WALKING("walking", "Walking"),
	LYING_PRONE("lying-prone", "Lying on your stomach");

	private final String code;
	private final String label;

	Aggravator(String code, String label) {
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
