package health.stride.fhir.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * FHIR ids of Stride's records. Most are the record's own UUID; resources Stride derives from a part of a
 * record (the pain before a session, one PSFS item) add a short prefix naming the part: {@code pain-before-<uuid>}.
 */
final class Ids {

	/** What FHIR allows in an id. */
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private Ids() {
	}

	static boolean isFhirId(String id) {
		return FHIR_ID.matcher(id).matches();
	}

	/** The UUID an id names, if it is one (in its canonical, lower-case form). */
	static Optional<UUID> uuid(String id) {
		if (id.length() != 36) {
			return Optional.empty();
		}
		try {
			var uuid = UUID.fromString(id);
			return uuid.toString().equals(id) ? Optional.of(uuid) : Optional.empty();
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	/** The UUID after {@code prefix}, if the id is that prefix and a UUID. */
	static Optional<UUID> uuid(String id, String prefix) {
		return id.startsWith(prefix) ? uuid(id.substring(prefix.length())) : Optional.empty();
	}
}
