package health.stride.app.web;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * What Stride accepts as text from outside, in JSON bodies and form and query parameters alike: no
 * control characters but tab, line feed and a carriage return before a line feed (a textarea's line
 * breaks), no half of a surrogate pair, and at most {@link #MAX_LENGTH} characters. PostgreSQL
 * refuses NUL in text, and the rest has no business in a clinical record or a page.
 */
final class TextInput {

	/** Longer than any field Stride has (a message is at most 5,000 characters); fields set their own lower limits. */
	static final int MAX_LENGTH = 10_000;

	enum Flaw {

		CONTROL_CHARACTER("control-character"), TOO_LONG("too-long");

		/** The last part of its message codes: {@code app.problem.text.*} on the API, {@code app.error.text.*} on pages,
		 * {@code app.refused.text.*} in place of an htmx swap. */
		final String code;

		Flaw(String code) {
			this.code = code;
		}

		/** What to correct, beside the field of an API request. */
		MessageSourceResolvable problem() {
			return new DefaultMessageSourceResolvable(new String[] { "app.problem.text." + code }, new Object[] { MAX_LENGTH });
		}

		/** What to correct, shown in place on a page whose form htmx sent. */
		MessageSourceResolvable inPlace() {
			return new DefaultMessageSourceResolvable(new String[] { "app.refused.text." + code }, new Object[] { MAX_LENGTH });
		}

		/** What to correct, on the error page after a form. */
		MessageSourceResolvable reason() {
			return new DefaultMessageSourceResolvable(new String[] { "app.error.text." + code }, new Object[] { MAX_LENGTH });
		}
	}

	private TextInput() {}

	static @Nullable Flaw flawOf(String text) {

		if (text.length() > MAX_LENGTH) {
			return Flaw.TOO_LONG;
		}
		for (int i = 0; i < text.length(); i++) {
			var c = text.charAt(i);
			if (c == '\t' || c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
				continue;
			}
			if (Character.isISOControl(c)) {
				return Flaw.CONTROL_CHARACTER;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			} else if (Character.isSurrogate(c)) {
				return Flaw.CONTROL_CHARACTER;
			}
		}
		return null;
	}

	/** A name from the request (a parameter, a map key) fit to be shown in an answer. */
	static String printable(String name) {
		var shown = new StringBuilder(Math.min(name.length(), 100));
		name.codePoints().limit(100).forEach(c -> shown.appendCodePoint(Character.isISOControl(c)
				|| Character.getType(c) == Character.SURROGATE ? '\uFFFD' : c));
		return shown.toString();
	}
}
