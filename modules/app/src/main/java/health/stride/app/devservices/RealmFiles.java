package health.stride.app.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The realm the local run and the tests import: the production realm with the development overlay
 * laid over it (demo users and clinics, the script client, known secrets, optional MFA). Keeping
 * them apart means the production file never holds a user or a secret, while development still
 * runs on the production realm's flows, roles, clients and policies.
 */
final class RealmFiles {

	/** How an entry of a list in a realm file is named, so an overlay entry changes the entry it names. */
	private static final List<String> IDENTITIES = List.of("clientId", "username", "alias", "name", "client");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RealmFiles() {}

	/** The realm file with the overlay laid over it, as JSON. */
	static String merged(Path realm, Path overlay) {
		try {
			var base = (ObjectNode) JSON.readTree(Files.readString(realm));
			merge(base, (ObjectNode) JSON.readTree(Files.readString(overlay)));
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(base);
		} catch (IOException e) {
			throw new UncheckedIOException("Could not read the realm files " + realm + " and " + overlay, e);
		}
	}

	/** Objects merge field by field; lists of named entries merge by name; anything else is replaced. */
	static void merge(ObjectNode base, ObjectNode overlay) {
		for (var field : overlay.properties()) {
			var name = field.getKey();
			var over = field.getValue();
			var under = base.get(name);
			if (under instanceof ObjectNode object && over instanceof ObjectNode overObject) {
				merge(object, overObject);
			} else if (under instanceof ArrayNode array && over instanceof ArrayNode overArray && named(overArray)) {
				mergeNamed(array, overArray);
			} else {
				base.set(name, over.deepCopy());
			}
		}
	}

	private static void mergeNamed(ArrayNode base, ArrayNode overlay) {
		for (var entry : overlay) {
			var identity = identity(entry);
			var same = identity == null ? null : find(base, identity, entry.get(identity).asString());
			if (same != null) {
				merge(same, (ObjectNode) entry);
			} else {
				base.add(entry.deepCopy());
			}
		}
	}

	private static boolean named(ArrayNode array) {
		return !array.isEmpty() && array.valueStream().allMatch(entry -> entry.isObject() && identity(entry) != null);
	}

	private static @Nullable String identity(JsonNode entry) {
		return IDENTITIES.stream().filter(entry::hasNonNull).findFirst().orElse(null);
	}

	private static @Nullable ObjectNode find(ArrayNode array, String identity, String value) {
		for (var entry : array) {
			if (entry instanceof ObjectNode object && object.hasNonNull(identity) && value.equals(object.get(identity).asString())) {
				return object;
			}
		}
		return null;
	}
}
