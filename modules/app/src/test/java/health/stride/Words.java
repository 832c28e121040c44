package health.stride;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the word tests read: every module's templates and message bundles as the application finds
 * them on the class path, and the main sources (templates, Java, JavaScript) of every module.
 */
final class Words {

	/** The modules, upstream first. */
	static final List<String> MODULES = List.of("platform", "eligibility", "patients", "programs", "messaging", "visits",
			"careteams", "fhir", "app");

	private static final Pattern MODULE_FOLDER = Pattern.compile("/modules/([a-z]+)/|/stride-([a-z]+)-[^/]*\\.jar!");

	private static final PathMatchingResourcePatternResolver CLASS_PATH = new PathMatchingResourcePatternResolver();

	/** A template, named as the file a reader would open. */
	record Template(String module, String name, String html) {}

	private Words() {}

	static List<Template> templates(String module) {
		var found = new ArrayList<Template>();
		for (var resource : resources("classpath*:templates/**/*.html")) {
			if (module.equals(moduleOf(resource))) {
				found.add(new Template(module, nameOf(resource), read(resource)));
			}
		}
		return found;
	}

	/** A module's English and Spanish bundle, or empty properties where a file is missing. */
	static Properties bundle(String module, String suffix) {
		var properties = new Properties();
		for (var resource : resources("classpath*:i18n/" + module + "/messages" + suffix + ".properties")) {
			try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
				properties.load(reader);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return properties;
	}

	/**
	 * The keys a module's bundle file defines more than once: {@link Properties} keeps the last
	 * silently, so one of the two messages would never be read.
	 */
	static List<String> definedTwice(String module, String suffix) {
		var twice = new java.util.TreeSet<String>();
		for (var resource : resources("classpath*:i18n/" + module + "/messages" + suffix + ".properties")) {
			var seen = new java.util.HashSet<String>();
			var keys = new Properties() {
				@Override
				public synchronized Object put(Object key, Object value) {
					if (!seen.add(key.toString())) {
						twice.add(key.toString());
					}
					return super.put(key, value);
				}
			};
			try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
				keys.load(reader);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return List.copyOf(twice);
	}

	/** Every module's English keys (the keys a template or Java code may name). */
	static Properties allEnglish() {
		var all = new Properties();
		MODULES.forEach(module -> all.putAll(bundle(module, "")));
		return all;
	}

	/**
	 * The text of every main source file (templates, Java, JavaScript, and the migrations, which may
	 * store a message code in rows written before) of every module, as one.
	 */
	static String mainSources() {
		var root = Path.of(System.getProperty("stride.project-root", "../.."), "modules");
		var text = new StringBuilder();
		for (var module : MODULES) {
			var main = root.resolve(module).resolve("src/main");
			if (!Files.isDirectory(main)) {
				throw new IllegalStateException("No main sources at " + main.toAbsolutePath());
			}
			try (var files = Files.walk(main)) {
				for (var file : files.filter(Files::isRegularFile).filter(it -> it.toString().matches(".*\\.(java|html|js|sql)$"))
						.toList()) {
					text.append(Files.readString(file)).append('\n');
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return text.toString();
	}

	private static List<Resource> resources(String pattern) {
		try {
			return List.of(CLASS_PATH.getResources(pattern));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String moduleOf(Resource resource) {
		try {
			var url = resource.getURL().toString();
			var matcher = MODULE_FOLDER.matcher(url);
			return matcher.find() ? (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) : "?";
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String nameOf(Resource resource) {
		try {
			var url = resource.getURL().toString();
			return url.substring(url.lastIndexOf("templates/"));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String read(Resource resource) {
		try {
			return resource.getContentAsString(StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
