package health.stride.eligibility.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The forms names and emails are compared in: without accents, case, spaces, hyphens or
 * apostrophes, so "Núñez-García" on a roster matches "nunez garcia" typed by the member.
 */
public final class Names {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");
	private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-‐‑‒–—'’`.]+");

	private Names() {}

	public static String key(String name) {

		var fast = asciiKey(name);
		if (fast != null) {
			return fast;
		}

		var decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
		return SEPARATORS.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll("").toLowerCase(Locale.ROOT);
	}

	/** The common case, plain ASCII, without normalising or regular expressions; null otherwise. */
	private static @Nullable String asciiKey(String name) {

		var key = new StringBuilder(name.length());

		for (int i = 0; i < name.length(); i++) {
			var c = name.charAt(i);
			if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				key.append(c);
			} else if (c >= 'A' && c <= 'Z') {
				key.append((char) (c + ('a' - 'A')));
			} else if (c == ' ' || c == '-' || c == '\'' || c == '.' || c == '`' || c == '\t') {
				continue;
			} else {
				return null;
			}
		}
		return key.toString();
	}

	public static @Nullable String emailKey(@Nullable String email) {
		return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
	}
}
