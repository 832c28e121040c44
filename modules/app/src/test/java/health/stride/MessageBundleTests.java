package health.stride;

import static org.assertj.core.api.Assertions.*;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each module's bundles: English and Spanish hold the same keys, every message is a valid
 * {@link MessageFormat} with its apostrophes written twice (Stride formats every message), every key
 * a template names exists, and no key is left that nothing uses. A key counts as used when it
 * appears in the main sources of any module, or when a quoted prefix of it ending in a dot does
 * ({@code 'programs.pain-light.'} + a constant).
 */
class MessageBundleTests {

	static final List<String> MODULES = Words.MODULES;

	/** {@code #{key}}, {@code #{key(args)}} and {@code #messages.msg('key')} in a template. */
	private static final Pattern TEMPLATE_KEY = Pattern
			.compile("#\\{([A-Za-z0-9_.-]+)[(}]|#messages\\.msg(?:OrNull)?\\('([A-Za-z0-9_.-]+)'");

	@ParameterizedTest
	@FieldSource("MODULES")
	void englishAndSpanishHoldTheSameKeysAndNoEmptyMessage(String module) {

		var english = Words.bundle(module, "");
		var spanish = Words.bundle(module, "_es");

		assertThat(english).as("%s: an English bundle", module).isNotEmpty();
		assertThat(keys(spanish)).as("%s: Spanish keys", module).containsExactlyInAnyOrderElementsOf(keys(english));
		assertThat(empty(english)).as("%s: empty English messages", module).isEmpty();
		assertThat(empty(spanish)).as("%s: empty Spanish messages", module).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("MODULES")
	void noKeyIsDefinedTwice(String module) {
		assertThat(Words.definedTwice(module, "")).as("%s: English keys defined twice", module).isEmpty();
		assertThat(Words.definedTwice(module, "_es")).as("%s: Spanish keys defined twice", module).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("MODULES")
	void everyMessageIsAValidMessageFormatWithItsApostrophesWrittenTwice(String module) {

		var wrong = new ArrayList<String>();
		for (var suffix : List.of("", "_es")) {
			Words.bundle(module, suffix).forEach((key, value) -> {
				var problem = problemOf(value.toString());
				if (problem != null) {
					wrong.add("messages" + suffix + ": " + key + " — " + problem);
				}
			});
		}

		assertThat(wrong).as("%s: messages Stride cannot format", module).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("MODULES")
	void everyKeyATemplateNamesExists(String module) {

		var keys = Words.allEnglish();
		var missing = new TreeSet<String>();
		for (var template : Words.templates(module)) {
			var named = TEMPLATE_KEY.matcher(template.html());
			while (named.find()) {
				var key = named.group(1) != null ? named.group(1) : named.group(2);
				// a prefix ending in a dot is completed at run time ('programs.position.' + a constant)
				var exists = key.endsWith(".") ? keys.stringPropertyNames().stream().anyMatch(it -> it.startsWith(key))
						: keys.containsKey(key);
				if (!exists) {
					missing.add(template.name() + ": " + key);
				}
			}
		}

		assertThat(missing).as("%s: keys named in templates but in no bundle", module).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("MODULES")
	void everyKeyIsUsed(String module) {

		var sources = Words.mainSources();
		var unused = keys(Words.bundle(module, "")).stream().filter(key -> !isUsed(key, sources)).toList();

		assertThat(unused).as("%s: keys nothing uses", module).isEmpty();
	}

	@Test
	void findsSingleApostrophesAndBrokenFormats() {
		assertThat(problemOf("Don''t worry, {0}.")).isNull();
		assertThat(problemOf("Don't worry.")).contains("apostrophe");
		assertThat(problemOf("Pain {0 before")).isNotNull();
		assertThat(isUsed("programs.pain-light.GREEN", "#{'programs.pain-light.' + ${light}}")).isTrue();
		assertThat(isUsed("programs.pain-light.GREEN", "#{programs.pain-light}")).isFalse();
	}

	static String problemOf(String message) {
		if (message.replace("''", "").contains("'")) {
			return "a single apostrophe (write it twice)";
		}
		try {
			new MessageFormat(message, Locale.ENGLISH);
			return null;
		} catch (IllegalArgumentException e) {
			return "not a MessageFormat: " + e.getMessage();
		}
	}

	static boolean isUsed(String key, String sources) {
		if (sources.contains(key)) {
			return true;
		}
		for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
			var prefix = key.substring(0, dot + 1);
			if (sources.contains("'" + prefix + "'") || sources.contains("\"" + prefix + "\"")) {
				return true;
			}
		}
		return false;
	}

	private static TreeSet<String> keys(Properties bundle) {
		var keys = new TreeSet<String>();
		bundle.stringPropertyNames().forEach(keys::add);
		return keys;
	}

	private static List<String> empty(Properties bundle) {
		return bundle.stringPropertyNames().stream().filter(key -> bundle.getProperty(key).isBlank()).sorted().toList();
	}
}
