package health.stride.fhir.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;

import health.stride.patients.PatientId;

/**
 * One FHIR resource type as Stride serves it: read by id, searched, and what it adds to a patient's
 * {@code $everything}. Every method answers only what the requester may see and records the access in the
 * audit trail; something outside their reach is answered as if it did not exist.
 */
interface ResourceProvider<R extends Resource> {

	ResourceType type();

	/** The resource with this id, if the requester may read it. */
	Optional<R> read(String id, Requester requester);

	/** The search parameters this type answers (besides {@code _count}, {@code _offset}, {@code _sort} ...). */
	Set<String> searchParameters();

	/** The {@code _sort} values this type answers ({@code date}, {@code -date} ...); none by default. */
	default Set<String> sortParameters() {
		return Set.of();
	}

	/** The {@code _include} values this type answers ({@code CarePlan:subject} ...); none by default. */
	default Set<String> includes() {
		return Set.of();
	}

	/** One page of the resources matching the search that the requester may read. */
	SearchResult search(SearchRequest search, Requester requester);

	/** This type's resources about the patient, all of them, for {@code Patient/$everything}. */
	default List<? extends Resource> everything(PatientId patient, Requester requester) {
		return List.of();
	}

	/** Whether {@code _history} answers for this type. */
	default boolean versioned() {
		return false;
	}

	/** Every version of the resource, the newest first; empty if the requester may not read it. */
	default List<R> history(String id, Requester requester) {
		return List.of();
	}

	/** One version of the resource. */
	default Optional<R> version(String id, String versionId, Requester requester) {
		return Optional.empty();
	}
}
