package health.stride.programs.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;

import health.stride.platform.validation.InvalidInput;

/** A refused form's problems in the reader's language, by field, for the pages that show them beside their fields. */
final class PageErrors {

	private PageErrors() {}

	static Map<String, String> of(InvalidInput invalid, MessageSource messages, Locale locale) {
		var errors = new LinkedHashMap<String, String>();
		invalid.problems().forEach((field, problem) -> errors.put(field, messages.getMessage(problem, locale)));
		return errors;
	}

	/** The problems of the fields under a prefix ({@code exercises[0].}), by the rest of their names. */
	static Map<String, String> under(Map<String, String> errors, String prefix) {
		var under = new LinkedHashMap<String, String>();
		errors.forEach((field, message) -> {
			if (field.startsWith(prefix)) {
				under.put(field.substring(prefix.length()), message);
			}
		});
		return under;
	}
}
