package health.stride.platform.validation;

import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.Errors;

/**
 * A change refused because of its fields; nothing was stored. The API answers it with problem
 * details listing each field's problem in the reader's language; a page catches it and shows the
 * problems beside the fields ({@link FieldErrors#copyTo}).
 */
public final class InvalidInput extends RuntimeException {

	private final Map<String, MessageSourceResolvable> problems;

	public InvalidInput(FieldErrors errors) {
		super("Fields not valid: " + errors.problems().keySet(), null, false, false);
		this.problems = errors.asMap();
	}

	/** By field ({@link FieldErrors#FORM} for the whole form), in the order they were found. */
	public Map<String, MessageSourceResolvable> problems() {
		return problems;
	}

	/** Hands the problems to a page's binding result, as {@link FieldErrors#copyTo} does. */
	public void copyTo(Errors errors) {
		FieldErrors.copy(problems, errors);
	}
}
