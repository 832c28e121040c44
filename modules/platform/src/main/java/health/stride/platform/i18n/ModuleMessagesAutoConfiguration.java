package health.stride.platform.i18n;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every word a person reads comes from a message bundle. Each module keeps its own, English in
 * {@code i18n/<module>/messages.properties} and Spanish beside it in {@code messages_es.properties};
 * this finds them all, so a module only has to add its files.
 */
@AutoConfiguration(before = MessageSourceAutoConfiguration.class)
class ModuleMessagesAutoConfiguration {

	static final String BUNDLES = "classpath*:i18n/*/messages.properties";

	@Bean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
	MessageSource messageSource() {

		var messages = new ResourceBundleMessageSource();
		messages.setBasenames(moduleBundles());
		messages.setDefaultEncoding("UTF-8");
		// English is the base bundle: a Spanish reader on an English server still gets Spanish, and
		// any other language gets English, never the server's own locale
		messages.setFallbackToSystemLocale(false);
		// one rule for apostrophes in every message, with or without arguments: write them twice
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

	static String[] moduleBundles() {
		try {
			return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(BUNDLES))
					.map(ModuleMessagesAutoConfiguration::basename)
					.filter(Objects::nonNull)
					.distinct()
					.sorted()
					.toArray(String[]::new);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list the message bundles", e);
		}
	}

	private static String basename(Resource bundle) {
		try {
			var url = bundle.getURL().toString();
			var at = url.lastIndexOf("i18n/");
			return at < 0 ? null : url.substring(at, url.length() - ".properties".length());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
