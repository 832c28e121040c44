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
				.containsExactlyInAnyOrder("platform", "eligibility", "patients", "programs", "messaging", "visits", "careteams",
						"fhir", "app");
	}

	@Test
	void writesModuleDocumentation() throws IOException {

		var output = Path.of(System.getProperty("stride.project-root", "../.."), "docs", "modules");

		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(output.toString()))
				.writeDocumentation()
				.writeIndividualModulesAsPlantUml();

		sortRelations(output);
		sortCanvasLists(output);

		assertThat(output.resolve("components.puml")).exists();
		assertThat(output.resolve("module-careteams.adoc")).exists();
	}

	/**
	 * The canvases list a module's events, listeners and types in reflection order, which varies
	 * between runs; each list (a table cell of {@code * } lines) is sorted.
	 */
	static void sortCanvasLists(Path folder) throws IOException {

		try (var canvases = Files.list(folder)) {
			for (var canvas : canvases.filter(it -> it.toString().endsWith(".adoc")).toList()) {

				var lines = Files.readAllLines(canvas);
				var sorted = new java.util.ArrayList<String>();

				for (int i = 0; i < lines.size(); i++) {
					if (!lines.get(i).startsWith("|* ")) {
						sorted.add(lines.get(i));
						continue;
					}
					var items = new java.util.ArrayList<String>();
					items.add(lines.get(i).substring(1));
					while (i + 1 < lines.size() && lines.get(i + 1).startsWith("* ")) {
						items.add(lines.get(++i));
					}
					java.util.Collections.sort(items);
					items.set(0, "|" + items.get(0));
					sorted.addAll(items);
				}
				Files.write(canvas, sorted);
			}
		}
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
