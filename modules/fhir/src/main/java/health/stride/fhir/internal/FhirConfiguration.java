package health.stride.fhir.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ca.uhn.fhir.context.FhirContext;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

	/**
	 * HAPI's R4 model: expensive to build, safe to share. Stride's resources refer to each other by id only and
	 * contain no resources, so the parser is told not to search every resource it writes for references to
	 * contain (a walk through the whole resource, the largest single cost of encoding a search page).
	 */
	@Bean
	FhirContext fhirContext() {
		var context = FhirContext.forR4();
		context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
		return context;
	}
}
