package health.stride.patients;

/** How long the pain has lasted: acute under 6 weeks, subacute 6 to 12, chronic over 12. */
public enum PainDuration implements Coded {

	ACUTE, SUBACUTE, CHRONIC;

	@Override
	public String code() {
		return name();
	}
}
