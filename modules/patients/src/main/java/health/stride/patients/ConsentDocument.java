package health.stride.patients;

/** The documents a patient agrees to before their intake; the title is the message {@code patients.consent.<name>}. */
public enum ConsentDocument {

	TELEHEALTH, PRIVACY;

	/** The document by its name, as the API writes it. */
	public static java.util.Optional<ConsentDocument> parse(String name) {
		return java.util.Arrays.stream(values()).filter(it -> it.name().equals(name.strip())).findFirst();
	}
}
