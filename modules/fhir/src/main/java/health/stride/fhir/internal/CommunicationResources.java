package health.stride.fhir.internal;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import health.stride.messaging.Threads;
import health.stride.messaging.Threads.MessageQuery;
import health.stride.messaging.Threads.PatientMessage;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientSummary;

/**
 * {@code Communication}: each message of a patient's thread with their care team, as its reader reads it
 * (Stride's own messages in the reader's language). The patient, or the clinician as a {@code Practitioner},
 * is the sender; the other side of the thread the recipients. Read as the patient's care.
 */
@Component
class CommunicationResources implements ResourceProvider<Communication> {

	static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/communication-category";

	/** How many messages one database page of {@code $everything} carries. */
	private static final int EVERYTHING_PAGE = MessageQuery.MAX_LIMIT;

	private final Threads threads;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final PatientAccess access;
	private final ClinicianReferences clinicians;
	private final MessageSource messages;

	CommunicationResources(Threads threads, PatientDirectory patients, CareTeams careTeams, PatientAccess access,
			ClinicianReferences clinicians, MessageSource messages) {
		this.threads = threads;
		this.patients = patients;
		this.careTeams = careTeams;
		this.access = access;
		this.clinicians = clinicians;
		this.messages = messages;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Communication;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("subject", "patient", "sent");
	}

	@Override
	public Set<String> sortParameters() {
		return Set.of("sent", "-sent");
	}

	@Override
	public Optional<Communication> read(String id, Requester requester) {
		return Ids.uuid(id).flatMap(threads::message).flatMap(found -> access
				.open(found.patient(), PatientAccess.Part.CARE, type(), requester)
				.map(patient -> new Page().communication(found)));
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {

		var subject = SearchSubjects.of(search, "subject", "patient");
		List<PatientId> reach;
		if (subject.isPresent()) {
			var patient = subject.get();
			if (patient.isEmpty() || !access.mayRead(patient.get(), PatientAccess.Part.CARE, type(), requester)) {
				return SearchResult.empty();
			}
			reach = List.of(patient.get());
		} else {
			reach = access.reachable(PatientAccess.Part.CARE, requester).orElse(null);
		}
		var sent = search.date("sent");
		var found = threads.messages(new MessageQuery(reach, sent.map(SearchRequest.DateRange::from).orElse(null),
				sent.map(SearchRequest.DateRange::until).orElse(null), search.newestFirst(), search.offset(),
				search.count() + 1));

		var page = new Page();
		var matches = found.stream().limit(search.count()).map(page::communication).toList();
		access.recordSearch(type(), found.stream().limit(search.count()).map(it -> it.patient().id())
				.collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
		return new SearchResult(matches, List.of(), found.size() > search.count(), null);
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		var all = new ArrayList<Communication>();
		var page = new Page();
		for (int offset = 0;; offset += EVERYTHING_PAGE) {
			var found = threads.messages(new MessageQuery(List.of(patient), null, null, false, offset, EVERYTHING_PAGE));
			found.stream().map(page::communication).forEach(all::add);
			if (found.size() < EVERYTHING_PAGE) {
				return all;
			}
		}
	}

	/**
	 * Builds the resources of one answer: who the patients are, their threads' participants and their care
	 * teams are read once per patient, the clinicians' ids once per username.
	 */
	private final class Page {

		private final Map<PatientId, Optional<PatientSummary>> summaries = new HashMap<>();
		private final Map<PatientId, List<Threads.Participant>> participants = new HashMap<>();
		private final Map<PatientId, Optional<CareTeam>> teams = new HashMap<>();
		private final ClinicianReferences.Lookup lookup = clinicians.lookup();

		Communication communication(PatientMessage found) {

			var message = found.message();
			var patient = found.patient();
			var summary = summaries.computeIfAbsent(patient, patients::find);
			var team = teams.computeIfAbsent(patient, careTeams::of);
			var patientReference = summary.map(ClinicianReferences::patient)
					.orElseGet(() -> ClinicianReferences.patient(patient));

			var communication = new Communication();
			communication.setId(message.id().toString());
			communication.setStatus(CommunicationStatus.COMPLETED);
			communication.setSubject(patientReference.copy());
			communication.setSent(Date.from(message.sentAt()));
			communication.addPayload().setContent(new StringType(message.text(messages, LocaleContextHolder.getLocale())));

			switch (message.senderRole()) {
				case PATIENT -> {
					communication.setSender(patientReference.copy().setDisplay(message.senderName()));
					for (var participant : participants.computeIfAbsent(patient, this::participantsOf)) {
						if (participant.role().clinician() && participant.active()) {
							communication.addRecipient(
									lookup.practitioner(participant.username(), participant.displayName(), team));
						}
					}
				}
				case THERAPIST, COACH -> {
					communication.setSender(message.senderUsername() == null
							? new Reference().setDisplay(message.senderName())
							: lookup.practitioner(message.senderUsername(), message.senderName(), team));
					communication.addRecipient(patientReference.copy());
				}
				case SYSTEM -> {
					// Stride itself wrote to the patient: something that happened elsewhere in their care
					communication.setSender(new Reference().setDisplay(message.senderName()));
					communication.addRecipient(patientReference.copy());
					communication.addCategory(new CodeableConcept(new Coding(CATEGORY_SYSTEM, "notification", "Notification")));
				}
			}
			return communication;
		}

		private List<Threads.Participant> participantsOf(PatientId patient) {
			return threads.ofPatient(patient).map(Threads.Thread::participants).orElse(List.of());
		}
	}
}
