package health.stride.app.devservices;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdksTests {

	@Test
	void findsAJdkOfTheRequiredVersionOrNewer() {

		var home = Jdks.find(21, null);

		assertThat(Jdks.version(home)).hasValueSatisfying(version -> assertThat(version).isGreaterThanOrEqualTo(21));
		assertThat(home.resolve("bin/java")).isExecutable();
	}

	@Test
	void prefersTheConfiguredJdk(@TempDir Path fake) throws IOException {

		Files.writeString(fake.resolve("release"), "JAVA_VERSION=\"42.0.1\"\n");
		var java = Files.createDirectories(fake.resolve("bin")).resolve("java");
		Files.writeString(java, "#!/bin/sh\n");
		java.toFile().setExecutable(true);

		assertThat(Jdks.find(21, fake)).isEqualTo(fake.toAbsolutePath());
	}

	@Test
	void namesEveryPlaceItSearchedWhenNoJdkIsNewEnough() {

		assertThatIllegalStateException().isThrownBy(() -> Jdks.find(999, null))
				.withMessageContaining("No JDK 999 or newer found")
				.withMessageContaining("Searched: [")
				.withMessageContaining(Path.of(System.getProperty("java.home")).toAbsolutePath().toString())
				.withMessageContaining("stride.dev.keycloak.java-home");
	}
}
