package health.stride.fhir.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.patients.PatientId;
import health.stride.visits.VisitStatus;

/**
 * {@code Encounter}: a visit that took place (its clinician marked it held or signed its note), a finished
 * virtual encounter that points at its {@code Appointment}. Read as the patient's care.
 */
@Component
class EncounterResources implements ResourceProvider<Encounter> {

	private static final Set<VisitStatus> HELD = Set.of(VisitStatus.COMPLETED);

	private final VisitResources visits;

	EncounterResources(VisitResources visits) {
		this.visits = visits;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Encounter;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("subject", "patient", "date", "status");
	}

	@Override
	public Set<String> sortParameters() {
		return Set.of("date", "-date");
	}

	@Override
	public Optional<Encounter> read(String id, Requester requester) {
		return visits.read(id, HELD, type(), requester, VisitResources.Side.ENCOUNTER).map(Encounter.class::cast);
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {
		var statuses = VisitResources.statuses(search, VisitResources::visitStatusOfEncounter, HELD);
		return visits.search(search, requester, type(), statuses, VisitResources.Side.ENCOUNTER, "subject", "patient");
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return visits.everything(patient, HELD, VisitResources.Side.ENCOUNTER);
	}
}
