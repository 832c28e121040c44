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
		var decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
		return SEPARATORS.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll("").toLowerCase(Locale.ROOT);
	}

	public static @Nullable String emailKey(@Nullable String email) {
		return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
	}
}
