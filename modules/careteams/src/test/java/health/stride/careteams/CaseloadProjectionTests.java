package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The caseload read model has one writer: the projection its listeners call. */
class CaseloadProjectionTests {

	private static final Pattern WRITES = Pattern.compile(
			"(insert\\s+into|update|delete\\s+from|merge\\s+into|truncate)\\s+careteams\\.caseload_entry",
			Pattern.CASE_INSENSITIVE);

	@Test
	void onlyTheProjectionWritesTheCaseload() throws IOException {

		try (var sources = Files.walk(Path.of("src/main/java"))) {
			var writers = sources.filter(it -> it.toString().endsWith(".java")).filter(CaseloadProjectionTests::writes)
					.map(it -> it.getFileName().toString()).toList();
			assertThat(writers).containsExactly("CaseloadProjection.java");
		}
	}

	private static boolean writes(Path source) {
		try {
			return WRITES.matcher(Files.readString(source)).find();
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
