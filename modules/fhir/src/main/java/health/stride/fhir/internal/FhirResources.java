package health.stride.fhir.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The resource types Stride serves, each by its provider, found by the type's name in the URL. */
@Component
class FhirResources {

	private final Map<String, ResourceProvider<?>> providers;

	FhirResources(List<ResourceProvider<?>> providers) {
		this.providers = providers.stream()
				.collect(Collectors.toUnmodifiableMap(it -> it.type().name(), Function.identity()));
	}

	/** The provider of the type, or a 404 for a type Stride does not serve (an unknown name among them). */
	ResourceProvider<?> of(String type) {
		var provider = providers.get(type);
		if (provider == null) {
			throw FhirProblem.notFound();
		}
		return provider;
	}

	/** Every provider, by type name. */
	List<ResourceProvider<?>> all() {
		return providers.values().stream().sorted(Comparator.comparing(it -> it.type().name())).toList();
	}
}
