package health.stride.fhir.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.patients.PatientId;

/**
 * {@code Patient/$everything}: the patient's whole record, every type's part of it, for the patient
 * themself, their care team and the clinic's integration. An administrator reads a patient's care only
 * through an export on request.
 */
@Component
class Everything {

	private final FhirResources resources;
	private final PatientAccess access;

	Everything(FhirResources resources, PatientAccess access) {
		this.resources = resources;
		this.access = access;
	}

	/** The record, or nothing if the requester may not read the patient's care. */
	Optional<List<Resource>> of(PatientId patient, Requester requester) {
		if (!access.mayRead(patient, PatientAccess.Part.CARE, ResourceType.Patient, requester)) {
			return Optional.empty();
		}
		return Optional.of(collect(patient, requester));
	}

	/** The record, the access having been decided (and audited) by the caller. */
	List<Resource> collect(PatientId patient, Requester requester) {
		var record = new ArrayList<Resource>();
		for (var provider : resources.all()) {
			record.addAll(provider.everything(patient, requester));
		}
		return record;
	}
}
