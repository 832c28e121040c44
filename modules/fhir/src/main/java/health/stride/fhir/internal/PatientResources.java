package health.stride.fhir.internal;

import java.util.Optional;
import java.util.Set;
import java.util.List;

import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.patients.PatientSummary;

/**
 * {@code Patient}: who the patient is, identified by their Stride id.
 */
@Component
class PatientResources implements ResourceProvider<Patient> {

	/** The system of Stride's own patient ids. */
	static final String STRIDE_PATIENT_ID = "https://stride.health/fhir/sid/patient-id";

	private final PatientDirectory patients;
	private final PatientAccess access;

	PatientResources(PatientDirectory patients, PatientAccess access) {
		this.patients = patients;
		this.access = access;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Patient;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "identifier");
	}

	@Override
	public Optional<Patient> read(String id, Requester requester) {
		return Ids.uuid(id).map(PatientId::new)
				.flatMap(patient -> access.open(patient, PatientAccess.Part.RECORD, type(), requester))
				.map(PatientResources::patient);
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {
		var id = search.value("_id").or(() -> search.value("identifier")
				.filter(it -> it.startsWith(STRIDE_PATIENT_ID + "|"))
				.map(it -> it.substring(STRIDE_PATIENT_ID.length() + 1)));
		if (id.isEmpty()) {
			return SearchResult.empty();
		}
		var found = read(id.get(), requester).stream().toList();
		access.recordSearch(type(), found.stream().map(it -> java.util.UUID.fromString(it.getIdElement().getIdPart())).toList());
		return SearchResult.page(found, search);
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return patients.find(patient).map(PatientResources::patient).stream().toList();
	}

	static Patient patient(PatientSummary summary) {
		var patient = new Patient();
		patient.setId(summary.id().id().toString());
		patient.addIdentifier().setUse(IdentifierUse.USUAL).setSystem(STRIDE_PATIENT_ID).setValue(summary.id().id().toString());
		patient.setActive(summary.status() != PatientStatus.DISCHARGED);
		patient.addName().setFamily(summary.lastName()).addGiven(summary.firstName());
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(summary.dateOfBirth().toString()));
		patient.addAddress().setState(summary.state()).setCountry("US");
		return patient;
	}
}
