package health.stride.patients;

import java.time.Instant;
import java.util.List;

/**
 * The consents a patient gave before their intake: each document in a version, at a time. When a
 * document gets a new version the patient is asked again; the earlier consents stay on record.
 */
public interface Consents {

	public record Consent(ConsentDocument document, String version, Instant acceptedAt) {}

	/** The current version of a document, the one a patient is asked to agree to now. */
	String currentVersion(ConsentDocument document);

	/** The documents whose current version the patient has not agreed to yet. */
	List<ConsentDocument> outstanding(PatientId patient);

	/** Every consent the patient gave, oldest first. */
	List<Consent> given(PatientId patient);

	/**
	 * Records that the patient agreed to the given version of a document; agreeing twice keeps the
	 * first time.
	 *
	 * @throws OutdatedVersion if the version is not the current one (the patient read an old text)
	 */
	void accept(PatientId patient, ConsentDocument document, String version);

	/** The patient agreed to a version of a document that is no longer current. */
	public static final class OutdatedVersion extends RuntimeException {

		private final ConsentDocument document;

		public OutdatedVersion(ConsentDocument document) {
			super("The current version of " + document + " is another one");
			this.document = document;
		}

		public ConsentDocument document() {
			return document;
		}
	}

	/** The patient tried to go on before agreeing to the current consents. */
	public static final class Required extends RuntimeException {

		private final List<ConsentDocument> outstanding;

		public Required(List<ConsentDocument> outstanding) {
			super("Consents outstanding: " + outstanding);
			this.outstanding = List.copyOf(outstanding);
		}

		public List<ConsentDocument> outstanding() {
			return outstanding;
		}
	}

	/** @throws Required unless the patient agreed to the current version of every document */
	void require(PatientId patient);
}
