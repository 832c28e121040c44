package health.stride.patients;

/** The documents a patient agrees to before their intake. */
public enum ConsentDocument {

	TELEHEALTH("Consent to care by telehealth"), PRIVACY("Notice of privacy practices");

	private final String title;

	ConsentDocument(String title) {
		this.title = title;
	}

	/** The document by its name, as the API writes it. */
	public static java.util.Optional<ConsentDocument> parse(String name) {
		return java.util.Arrays.stream(values()).filter(it -> it.name().equals(name.strip())).findFirst();
	}

	public String title() {
		return title;
	}
}
