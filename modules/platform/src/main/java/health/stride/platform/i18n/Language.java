package health.stride.platform.i18n;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Stride is written in. A person's own choice (a patient's profile) comes first;
 * otherwise the browser's {@code Accept-Language}; otherwise English.
 */
public enum Language {

	ENGLISH(Locale.ENGLISH), SPANISH(Locale.of("es"));

	private final Locale locale;

	Language(Locale locale) {
		this.locale = locale;
	}

	public Locale locale() {
		return locale;
	}

	/** The language's tag as stored and sent: {@code en}, {@code es}. */
	public String tag() {
		return locale.getLanguage();
	}

	public static Optional<Language> ofTag(String tag) {
		return Arrays.stream(values()).filter(it -> it.tag().equalsIgnoreCase(tag)).findFirst();
	}

	/** The supported language of a locale ({@code es-MX} is Spanish), if Stride has it. */
	public static Optional<Language> of(Locale locale) {
		return ofTag(locale.getLanguage());
	}

}
