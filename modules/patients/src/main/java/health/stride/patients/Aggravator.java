package health.stride.patients;

/** What makes the pain worse (the contract's {@code worseWith}). */
public enum Aggravator implements Coded {

	BENDING_FORWARD("bending-forward"), BENDING_BACK("bending-back"),
	SITTING("sitting"), STANDING("standing"), WALKING("walking"),
	LYING_PRONE("lying-prone");

	private final String code;

	Aggravator(String code) {
		this.code = code;
	}

	@Override
	public String code() {
		return code;
	}
}
