package health.stride.programs;

import java.util.Locale;

import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The programs bundle read in English, for the few older accessors other modules still call
 * ({@code label()}, {@code why()}, the charts without a locale) until they resolve the codes in their
 * reader's language themselves. The words stay in the bundle either way.
 */
final class EnglishWords {

	private static final ResourceBundleMessageSource BUNDLE = new ResourceBundleMessageSource();

	static {
		BUNDLE.setBasename("i18n/programs/messages");
		BUNDLE.setDefaultEncoding("UTF-8");
		BUNDLE.setFallbackToSystemLocale(false);
		BUNDLE.setAlwaysUseMessageFormat(true);
	}

	private EnglishWords() {}

	static String of(String code, Object... arguments) {
		return BUNDLE.getMessage(code, arguments, Locale.ENGLISH);
	}
}
