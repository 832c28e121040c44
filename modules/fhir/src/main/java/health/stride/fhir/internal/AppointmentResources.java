package health.stride.fhir.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.patients.PatientId;
import health.stride.visits.VisitStatus;

/**
 * {@code Appointment}: every visit booked with the care team, whatever became of it (booked, fulfilled,
 * cancelled, no-show), with the patient and the clinician taking part. Read as the patient's care.
 */
@Component
class AppointmentResources implements ResourceProvider<Appointment> {

	private static final Set<VisitStatus> ALL = EnumSet.allOf(VisitStatus.class);

	private final VisitResources visits;

	AppointmentResources(VisitResources visits) {
		this.visits = visits;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Appointment;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("patient", "date", "status");
	}

	@Override
	public Set<String> sortParameters() {
		return Set.of("date", "-date");
	}

	@Override
	public Optional<Appointment> read(String id, Requester requester) {
		return visits.read(id, ALL, type(), requester, VisitResources.Side.APPOINTMENT).map(Appointment.class::cast);
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {
		var statuses = VisitResources.statuses(search, VisitResources::visitStatusOfAppointment, ALL);
		return visits.search(search, requester, type(), statuses, VisitResources.Side.APPOINTMENT, "patient");
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return visits.everything(patient, ALL, VisitResources.Side.APPOINTMENT);
	}
}
