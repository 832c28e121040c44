package health.stride.app.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Finds an installed JDK of at least a given version, for child processes such as Keycloak that
 * need a newer Java than the machine's default.
 */
final class Jdks {

	private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

	private Jdks() {}

	/**
	 * Looks, in order, at the explicitly configured home, {@code JAVA_HOME}, the JDK running this
	 * application, and the JDKs installed in the usual places.
	 */
	static Path find(int minimumVersion, @Nullable Path configured) {

		var searched = new ArrayList<Path>();

		return candidates(configured)
				.peek(searched::add)
				.filter(home -> version(home).filter(it -> it >= minimumVersion).isPresent())
				.filter(home -> Files.isExecutable(home.resolve("bin/java")))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No JDK %d or newer found; Keycloak needs one. Searched: %s. Install one there or set stride.dev.keycloak.java-home."
								.formatted(minimumVersion, searched)));
	}

	static Optional<Integer> version(Path home) {
		try {
			var matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
			return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
		} catch (IOException e) {
			return Optional.empty();
		}
	}

	private static Stream<Path> candidates(@Nullable Path configured) {

		var homes = new ArrayList<Path>();

		if (configured != null) {
			homes.add(configured);
		}
		var javaHome = System.getenv("JAVA_HOME");
		if (javaHome != null && !javaHome.isBlank()) {
			homes.add(Path.of(javaHome));
		}
		homes.add(Path.of(System.getProperty("java.home")));

		for (var root : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/usr/local/java"),
				Path.of(System.getProperty("user.home"), ".sdkman/candidates/java"),
				Path.of("/Library/Java/JavaVirtualMachines"))) {
			homes.addAll(children(root));
		}

		return homes.stream().map(Path::toAbsolutePath).distinct();
	}

	private static List<Path> children(Path root) {

		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (var entries = Files.list(root)) {
			return entries.map(it -> Files.isDirectory(it.resolve("Contents/Home")) ? it.resolve("Contents/Home") : it)
					.sorted()
					.toList();
		} catch (IOException e) {
			return List.of();
		}
	}
}
