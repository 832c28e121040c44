package health.stride.fhir.internal;

import java.util.Optional;

import health.stride.patients.PatientId;

/** The patient a search names, by whichever of its reference parameters ({@code subject}, {@code patient}) it gives. */
final class SearchSubjects {

	private SearchSubjects() {
	}

	/**
	 * Empty when the search names no patient; otherwise the patient it names, or an empty patient when it
	 * names one no Stride record could be (an id of another type, or two parameters naming two patients).
	 */
	static Optional<Optional<PatientId>> of(SearchRequest search, String... parameters) {
		Optional<Optional<PatientId>> named = Optional.empty();
		for (var parameter : parameters) {
			var given = search.reference(parameter, "Patient").map(it -> it.map(PatientId::new));
			if (given.isEmpty()) {
				continue;
			}
			if (named.isPresent() && !named.get().equals(given.get())) {
				return Optional.of(Optional.empty());
			}
			named = given;
		}
		return named;
	}
}
