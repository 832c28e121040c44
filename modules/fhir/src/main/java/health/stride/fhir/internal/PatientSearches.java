package health.stride.fhir.internal;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import health.stride.patients.PatientId;

/**
 * The one patient a search of a patient's administrative resources (CareTeam, Coverage, Consent) is about:
 * named by its reference parameters ({@code patient}, {@code subject}, {@code beneficiary}), which must agree,
 * or, for a patient searching without one, the patient themself. Anyone else names the patient (or the
 * resource by {@code _id}): a clinic's record is searched one patient at a time.
 */
final class PatientSearches {

	private PatientSearches() {
	}

	/** Whether the search names its resource by {@code _id} alone, without naming a patient. */
	static boolean byIdAlone(SearchRequest search, String... parameters) {
		return search.value("_id").isPresent()
				&& java.util.Arrays.stream(parameters).allMatch(it -> search.value(it).isEmpty());
	}

	/**
	 * The patient searched, or nothing when the parameters name no patient Stride could have or disagree.
	 *
	 * @throws FhirProblem when no parameter names a patient and the requester is not one
	 */
	static Optional<PatientId> patientOf(SearchRequest search, Requester requester, String... parameters) {

		var named = new HashSet<Optional<UUID>>();
		for (var parameter : parameters) {
			search.reference(parameter, "Patient").ifPresent(named::add);
		}
		if (named.isEmpty()) {
			if (requester.isPatient()) {
				return Optional.of(Objects.requireNonNull(requester.patient()));
			}
			throw FhirProblem.invalid("fhir.problem.patient-required", String.join(", ", parameters));
		}
		return named.size() == 1 ? named.iterator().next().map(PatientId::new) : Optional.empty();
	}
}
