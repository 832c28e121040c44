package health.stride.patients;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was wrong with the fields of a submitted form or request, by field name, the first problem
 * of each field only. Pages show each message beside its field; the API lists them in its problem
 * details.
 */
public final class FieldErrors {

	private final Map<String, String> messages = new LinkedHashMap<>();

	public void reject(String field, String message) {
		messages.putIfAbsent(field, message);
	}

	public boolean isEmpty() {
		return messages.isEmpty();
	}

	public Map<String, String> asMap() {
		return Map.copyOf(messages);
	}

	/** Thrown when a change was refused because of its fields; nothing was stored. */
	public static final class Invalid extends RuntimeException {

		private final Map<String, String> errors;

		public Invalid(FieldErrors errors) {
			super("Some fields are missing or not valid: " + errors.messages.keySet());
			this.errors = new LinkedHashMap<>(errors.messages);
		}

		public Map<String, String> errors() {
			return errors;
		}
	}

	public void throwIfAny() {
		if (!isEmpty()) {
			throw new Invalid(this);
		}
	}
}
