package health.stride;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the modules in the order of the architecture (each may use only the APIs of those above
 * it) and writes the module diagrams and canvases into {@code docs/modules}.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(StrideApplication.class);

	@Test
	void keepsModuleBoundaries() {
		MODULES.verify();
	}

	@Test
	void findsEveryModuleAcrossTheJars() {
		assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
				.containsExactlyInAnyOrder("platform", "eligibility", "patients", "programs", "messaging", "careteams",
						"app");
	}

	@Test
	void writesModuleDocumentation() throws IOException {

		var output = Path.of(System.getProperty("stride.project-root", "../.."), "docs", "modules");

		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(output.toString()))
				.writeDocumentation()
				.writeIndividualModulesAsPlantUml();

		sortRelations(output);

		assertThat(output.resolve("components.puml")).exists();
		assertThat(output.resolve("module-careteams.adoc")).exists();
	}

	/**
	 * The Documenter lists a diagram's relations in no fixed order; sorted, the committed diagrams
	 * change only when the modules do.
	 */
	static void sortRelations(Path folder) throws IOException {

		try (var diagrams = Files.list(folder)) {
			for (var diagram : diagrams.filter(it -> it.toString().endsWith(".puml")).toList()) {

				var lines = Files.readAllLines(diagram);
				var relations = lines.stream().filter(line -> line.startsWith("Rel(")).sorted().iterator();
				var sorted = lines.stream().map(line -> line.startsWith("Rel(") ? relations.next() : line).toList();

				Files.write(diagram, sorted);
			}
		}
	}
}
