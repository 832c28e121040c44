package health.stride.eligibility.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The forms names and emails are compared in: without accents, case, spaces, hyphens or
 * apostrophes, so "Núñez-García" on a roster matches "nunez garcia" typed by the member.
 * <p>
 * Names in Latin script (ASCII and the accented letters of Latin-1 and Latin Extended A and B)
 * take a path without normalising or regular expressions, from a table made at start-up by the
 * general path itself, so both give the same key; any other character takes the general path.
 */
public final class Names {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");
	private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-‐‑‒–—'’`.]+");

	/** The key of each character below this, or null when the general path must decide. */
	private static final int TABLE_SIZE = 0x250;
	private static final @Nullable String[] KEYS = new String[TABLE_SIZE];
	private static final String SEPARATOR_CHARS = "‐‑‒–—’";

	static {
		for (char c = 0; c < TABLE_SIZE; c++) {
			var key = generalKey(String.valueOf(c));
			if (key.chars().allMatch(k -> k >= 'a' && k <= 'z' || k >= '0' && k <= '9')) {
				KEYS[c] = key;
			}
		}
	}

	private Names() {}

	public static String key(String name) {

		var key = new StringBuilder(name.length());

		for (int i = 0; i < name.length(); i++) {
			var c = name.charAt(i);
			var mapped = c < TABLE_SIZE ? KEYS[c] : SEPARATOR_CHARS.indexOf(c) >= 0 ? "" : null;
			if (mapped == null) {
				return generalKey(name);
			}
			key.append(mapped);
		}
		return key.toString();
	}

	static String generalKey(String name) {
		var decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
		return SEPARATORS.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll("").toLowerCase(Locale.ROOT);
	}

	public static @Nullable String emailKey(@Nullable String email) {
		return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
	}
}
