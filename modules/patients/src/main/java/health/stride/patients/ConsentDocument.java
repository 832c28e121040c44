package health.stride.patients;

/** The documents a patient agrees to before their intake. */
public enum ConsentDocument {

	TELEHEALTH("Consent to care by telehealth"), PRIVACY("Notice of privacy practices");

	private final String title;

	ConsentDocument(String title) {
		this.title = title;
	}

	public String title() {
		return title;
	}
}
