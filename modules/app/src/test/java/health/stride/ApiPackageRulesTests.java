package health.stride;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.*;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * A module's API package ({@code health.stride.<module>} itself, not its sub-packages) is its
 * contract: records, ids, events, value types and small facades. The SQL behind them lives in
 * {@code internal/}, so no class of an API package touches JDBC or JPA directly.
 */
class ApiPackageRulesTests {

	static final List<String> MODULES = List.of("eligibility", "patients", "programs", "messaging", "visits", "careteams");

	static final JavaClasses STRIDE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("health.stride");

	@ParameterizedTest
	@FieldSource("MODULES")
	void anApiPackageHoldsNoDatabaseAccess(String module) {

		noClasses().that().resideInAPackage("health.stride." + module)
				.should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
				.orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
				.orShould().dependOnClassesThat()
				.haveFullyQualifiedName("org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate")
				.orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
				.because("the SQL behind a module's API lives in its internal package")
				.check(STRIDE);
	}
}
