package health.stride.patients;

/** How long the pain has lasted: acute under 6 weeks, subacute 6 to 12, chronic over 12. */
public enum PainDuration implements Coded {

	ACUTE("Less than 6 weeks"), SUBACUTE("6 to 12 weeks"), CHRONIC("More than 12 weeks");

	private final String label;

	PainDuration(String label) {
		this.label = label;
	}

	@Override
	public String code() {
		return name();
	}

	public String label() {
		return label;
	}
}
