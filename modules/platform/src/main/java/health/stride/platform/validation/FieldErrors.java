package health.stride.platform.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.validation.Errors;

/**
 * What was wrong with the fields of a submitted form or request, by field name (a property path
 * such as {@code exercises[0].sets}), the first problem of each field only. A problem is a message
 * code of the bundles with its arguments, never a sentence: pages show it beside its field in the
 * reader's language, the API lists it in the problem details' {@code errors}.
 * <p>
 * Rules that Bean Validation cannot state on a record (ranges that depend on each other, facts in
 * the database) collect their problems here and {@link #throwIfAny() throw} them; a page copies them
 * into its binding result with {@link #copyTo(Errors)}, the API advice answers them as a 400.
 */
public final class FieldErrors {

	/** The pseudo-field of a problem with the whole form rather than one field. */
	public static final String FORM = "";

	private final Map<String, MessageSourceResolvable> problems = new LinkedHashMap<>();

	public FieldErrors reject(String field, String code, Object... arguments) {
		problems.putIfAbsent(field, new DefaultMessageSourceResolvable(new String[] { code }, arguments));
		return this;
	}

	public boolean isEmpty() {
		return problems.isEmpty();
	}

	public boolean has(String field) {
		return problems.containsKey(field);
	}

	/** In the order they were found. */
	public Map<String, MessageSourceResolvable> asMap() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(problems));
	}

	/** Throws {@link InvalidInput} if any field was rejected; nothing should have been stored yet. */
	public void throwIfAny() {
		if (!isEmpty()) {
			throw new InvalidInput(this);
		}
	}

	/** Hands the problems to a page's binding result, where {@code th:errors} shows them. */
	public void copyTo(Errors errors) {
		copy(problems, errors);
	}

	static void copy(Map<String, MessageSourceResolvable> problems, Errors errors) {
		problems.forEach((field, problem) -> {
			if (field.equals(FORM)) {
				errors.reject(code(problem), problem.getArguments(), null);
			} else {
				errors.rejectValue(field, code(problem), problem.getArguments(), null);
			}
		});
	}

	Map<String, MessageSourceResolvable> problems() {
		return problems;
	}

	private static String code(MessageSourceResolvable problem) {
		var codes = problem.getCodes();
		return codes == null || codes.length == 0 ? "invalid" : codes[0];
	}
}
