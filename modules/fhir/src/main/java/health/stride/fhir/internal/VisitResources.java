package health.stride.fhir.internal;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientSummary;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.Visits.VisitQuery;

/**
 * What {@code Appointment} and {@code Encounter} share: both are a visit seen from two sides. Every booked
 * visit is an {@code Appointment}; one that took place is also an {@code Encounter} (a virtual one: Stride's
 * visits are video visits) with the same id. Both are the patient's care, read and searched alike: by
 * patient, by the visit's start ({@code date}) and by status.
 */
@Component
class VisitResources {

	/** Stride's kinds of visit, by the key a clinic gave each (the four seeded ones and its own). */
	static final String VISIT_TYPE_SYSTEM = "https://stride.health/fhir/CodeSystem/visit-type";
	static final String APPOINTMENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0276";
	static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
	static final String PARTICIPATION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

	/** How many visits one database page of {@code $everything} carries. */
	private static final int EVERYTHING_PAGE = VisitQuery.MAX_LIMIT;

	private final Visits visits;
	private final VisitTypes types;
	private final Hosts hosts;
	private final PatientDirectory patients;
	private final PatientAccess access;
	private final MessageSource messages;

	VisitResources(Visits visits, VisitTypes types, Hosts hosts, PatientDirectory patients, PatientAccess access,
			MessageSource messages) {
		this.visits = visits;
		this.types = types;
		this.hosts = hosts;
		this.patients = patients;
		this.access = access;
		this.messages = messages;
	}

	/** The visit, if the requester may read the patient's care and the visit is one of the statuses. */
	Optional<Resource> read(String id, Set<VisitStatus> statuses, ResourceType type, Requester requester,
			Side side) {
		return Ids.uuid(id).map(VisitId::new).flatMap(visits::find).filter(it -> statuses.contains(it.status()))
				.flatMap(visit -> access.open(visit.patient(), PatientAccess.Part.CARE, type, requester)
						.map(patient -> new Page().resource(visit, side)));
	}

	/**
	 * One page of visits matching the search: {@code patientParameters} name the patient, {@code date} the
	 * start, {@code statuses} the statuses the search's {@code status} asked for (empty: it asked for none
	 * Stride has, so nothing matches).
	 */
	SearchResult search(SearchRequest search, Requester requester, ResourceType type, Set<VisitStatus> statuses,
			Side side, String... patientParameters) {

		if (statuses.isEmpty()) {
			return SearchResult.empty();
		}
		var subject = SearchSubjects.of(search, patientParameters);
		List<PatientId> reach;
		if (subject.isPresent()) {
			var patient = subject.get();
			if (patient.isEmpty() || !access.mayRead(patient.get(), PatientAccess.Part.CARE, type, requester)) {
				return SearchResult.empty();
			}
			reach = List.of(patient.get());
		} else {
			reach = access.reachable(PatientAccess.Part.CARE, requester).orElse(null);
		}
		var date = search.date("date");
		var found = visits.search(new VisitQuery(reach, date.map(SearchRequest.DateRange::from).orElse(null),
				date.map(SearchRequest.DateRange::until).orElse(null), statuses, search.newestFirst(), search.offset(),
				search.count() + 1));

		var shown = found.stream().limit(search.count()).toList();
		var page = new Page();
		access.recordSearch(type, shown.stream().map(it -> it.patient().id()).collect(Collectors.toCollection(LinkedHashSet::new)));
		return new SearchResult(shown.stream().map(it -> page.resource(it, side)).toList(), List.of(),
				found.size() > search.count(), null);
	}

	/** Every visit of the patient in one of the statuses, earliest first. */
	List<Resource> everything(PatientId patient, Set<VisitStatus> statuses, Side side) {
		var all = new ArrayList<Resource>();
		var page = new Page();
		for (int offset = 0;; offset += EVERYTHING_PAGE) {
			var found = visits.search(new VisitQuery(List.of(patient), null, null, statuses, false, offset, EVERYTHING_PAGE));
			found.forEach(it -> all.add(page.resource(it, side)));
			if (found.size() < EVERYTHING_PAGE) {
				return all;
			}
		}
	}

	/** Which resource a visit is seen as. */
	enum Side {
		APPOINTMENT, ENCOUNTER
	}

	/** The statuses a search's {@code status} asks for, as Stride's visit statuses. */
	static Set<VisitStatus> statuses(SearchRequest search, java.util.function.Function<String, Optional<VisitStatus>> code,
			Set<VisitStatus> all) {
		return search.value("status")
				.map(value -> java.util.Arrays.stream(value.split(",")).map(String::strip).map(code)
						.flatMap(Optional::stream).filter(all::contains).collect(Collectors.toUnmodifiableSet()))
				.orElse(all);
	}

	static AppointmentStatus appointmentStatus(VisitStatus status) {
		return switch (status) {
			case BOOKED -> AppointmentStatus.BOOKED;
			case COMPLETED -> AppointmentStatus.FULFILLED;
			case CANCELLED -> AppointmentStatus.CANCELLED;
			case MISSED -> AppointmentStatus.NOSHOW;
		};
	}

	static Optional<VisitStatus> visitStatusOfAppointment(String code) {
		return switch (code) {
			case "booked" -> Optional.of(VisitStatus.BOOKED);
			case "fulfilled" -> Optional.of(VisitStatus.COMPLETED);
			case "cancelled" -> Optional.of(VisitStatus.CANCELLED);
			case "noshow" -> Optional.of(VisitStatus.MISSED);
			default -> Optional.empty();
		};
	}

	static Optional<VisitStatus> visitStatusOfEncounter(String code) {
		return code.equals("finished") ? Optional.of(VisitStatus.COMPLETED) : Optional.empty();
	}

	/**
	 * Builds the resources of one answer: who the patients are, the clinicians and the kinds of visit are
	 * read once each.
	 */
	private final class Page {

		private final Map<PatientId, Optional<PatientSummary>> summaries = new HashMap<>();
		private final Map<java.util.UUID, Optional<Host>> clinicians = new HashMap<>();
		private final Map<String, Optional<String>> typeNames = new HashMap<>();

		Resource resource(Visit visit, Side side) {
			return side == Side.APPOINTMENT ? appointment(visit) : encounter(visit);
		}

		Appointment appointment(Visit visit) {

			var appointment = new Appointment();
			appointment.setId(visit.id().toString());
			appointment.setStatus(appointmentStatus(visit.status()));
			appointment.setStart(Date.from(visit.startsAt()));
			appointment.setEnd(Date.from(visit.endsAt()));
			appointment.setMinutesDuration((int) java.time.Duration.between(visit.startsAt(), visit.endsAt()).toMinutes());
			appointment.setCreated(Date.from(visit.bookedAt()));
			var kind = typeName(visit);
			appointment.setAppointmentType(new CodeableConcept(new Coding(APPOINTMENT_TYPE_SYSTEM,
					followUp(visit.type()) ? "FOLLOWUP" : "ROUTINE", followUp(visit.type()) ? "A follow up visit from a previous appointment" : "Routine appointment - default if not valued"))
					.setText(kind));
			appointment.addServiceType(visitType(visit, kind));
			// Stride's visits are all held by video: R4 has no element for it, so its description says so
			appointment.setDescription(messages.getMessage("fhir.appointment.description", new Object[] { kind },
					LocaleContextHolder.getLocale()));

			var patientCancelled = visit.status() == VisitStatus.CANCELLED && summary(visit.patient())
					.map(it -> it.username().equals(visit.cancelledBy())).orElse(false);
			appointment.addParticipant().setActor(patientReference(visit.patient())).setRequired(ParticipantRequired.REQUIRED)
					.setStatus(patientCancelled ? ParticipationStatus.DECLINED : ParticipationStatus.ACCEPTED);
			appointment.addParticipant().setActor(practitioner(visit)).setRequired(ParticipantRequired.REQUIRED)
					.setStatus(ParticipationStatus.ACCEPTED)
					.addType(new CodeableConcept(new Coding(PARTICIPATION_TYPE_SYSTEM, "PPRF", "primary performer")));
			return appointment;
		}

		Encounter encounter(Visit visit) {

			var encounter = new Encounter();
			encounter.setId(visit.id().toString());
			encounter.setStatus(EncounterStatus.FINISHED);
			encounter.setClass_(new Coding(ACT_CODE_SYSTEM, "VR", "virtual"));
			encounter.addType(visitType(visit, typeName(visit)));
			encounter.setSubject(patientReference(visit.patient()));
			encounter.addParticipant().setIndividual(practitioner(visit))
					.addType(new CodeableConcept(new Coding(PARTICIPATION_TYPE_SYSTEM, "PPRF", "primary performer")));
			encounter.setPeriod(new Period().setStart(Date.from(visit.startsAt())).setEnd(Date.from(visit.endsAt())));
			encounter.addAppointment(new Reference("Appointment/" + visit.id()));
			return encounter;
		}

		private CodeableConcept visitType(Visit visit, String name) {
			return new CodeableConcept(new Coding(VISIT_TYPE_SYSTEM, visit.type(), name)).setText(name);
		}

		private String typeName(Visit visit) {
			var locale = LocaleContextHolder.getLocale();
			return typeNames.computeIfAbsent(visit.type(), key -> types.find(key).map(it -> it.name(messages, locale)))
					.orElse(visit.type());
		}

		private Optional<PatientSummary> summary(PatientId patient) {
			return summaries.computeIfAbsent(patient, patients::find);
		}

		private Reference patientReference(PatientId patient) {
			return summary(patient).map(ClinicianReferences::patient).orElseGet(() -> ClinicianReferences.patient(patient));
		}

		private Reference practitioner(Visit visit) {
			var host = clinicians.computeIfAbsent(visit.clinicianId(), hosts::find);
			return host.map(it -> ClinicianReferences.practitioner(it.id(), it.displayName()))
					.orElseGet(() -> new Reference("Practitioner/" + visit.clinicianId()));
		}
	}

	/** The seeded kinds that continue care already under way; every other kind is a routine visit. */
	private static boolean followUp(String type) {
		return type.equals("follow-up") || type.equals("re-evaluation");
	}
}
