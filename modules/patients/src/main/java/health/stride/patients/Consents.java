package health.stride.patients;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import health.stride.platform.i18n.Language;

/**
 * The consents a patient gave before their intake: each document in a version, at a time. When a
 * document gets a new version the patient is asked again; the earlier consents stay on record.
 */
public interface Consents {

	public record Consent(ConsentDocument document, String version, Instant acceptedAt) {}

	/**
	 * A version of a document's text the clinic published. Its version, as patients agree to it,
	 * is its number ({@code "1"}, {@code "2"}, ...); a clinic that published none asks for
	 * Stride's default text in the version {@link ConsentVersions} names.
	 */
	public record Published(ConsentDocument document, int number, String english, @Nullable String spanish,
			Instant publishedAt, String publishedBy) {

		/** The longest text a version may have, in either language (also the longest a page form may send). */
		public static final int MAX_LENGTH = 10_000;

		public String version() {
			return String.valueOf(number);
		}

		/** The text in the reader's language; English where the clinic wrote no Spanish. */
		public String text(Language language) {
			return language == Language.SPANISH && spanish != null ? spanish : english;
		}
	}

	/** The version of a document the clinic published last, if it published any. */
	Optional<Published> published(ConsentDocument document);

	/** Every version of a document the clinic published, newest first. */
	List<Published> history(ConsentDocument document);

	/**
	 * Publishes a new version of a document's text in the current clinic: from now on its patients
	 * are asked to agree to it before they go on in the portal.
	 *
	 * @param english required, at most {@link Published#MAX_LENGTH} characters
	 * @param spanish optional (blank is none), as long at most
	 * @throws health.stride.platform.validation.InvalidInput on fields {@code english} and
	 *     {@code spanish}, with nothing published
	 */
	Published publish(ConsentDocument document, @Nullable String english, @Nullable String spanish, String publishedBy);

	/**
	 * The current version of a document in the current clinic, the one a patient is asked to agree
	 * to now: the clinic's last published version, else the default.
	 */
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
