package health.stride.fhir.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ca.uhn.fhir.context.FhirContext;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

	/** HAPI's R4 model: expensive to build, safe to share. */
	@Bean
	FhirContext fhirContext() {
		return FhirContext.forR4Cached();
	}
}
