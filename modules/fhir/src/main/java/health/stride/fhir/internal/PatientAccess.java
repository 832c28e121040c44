package health.stride.fhir.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientSummary;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;

/**
 * The one place that decides whose data a FHIR requester reaches, and that writes every read of a patient's
 * data, and every refusal, to the audit trail as the pages do ({@code fhir/<type>} names what was read).
 */
@Component
class PatientAccess {

	/** What of a patient's data is read: who they are and their cover, or their care itself. */
	enum Part {
		RECORD, CARE
	}

	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final AuditTrail audit;

	PatientAccess(PatientDirectory patients, CareTeams careTeams, AuditTrail audit) {
		this.patients = patients;
		this.careTeams = careTeams;
		this.audit = audit;
	}

	/**
	 * The patient, if the requester may read that part of their data; the read or the refusal is audited. A
	 * patient of another clinic is not found at all (row-level security), and is not told apart from a refusal.
	 */
	Optional<PatientSummary> open(PatientId patient, Part part, ResourceType type, Requester requester) {

		var summary = patients.find(patient);
		// only a clinician's access depends on the care team
		var team = requester.context() == Requester.Context.USER
				? summary.flatMap(it -> careTeams.of(patient)).orElse(null)
				: null;
		var allowed = summary.isPresent() && switch (part) {
			case RECORD -> requester.mayReadRecordOf(patient, team);
			case CARE -> requester.mayReadCareOf(patient, team);
		};

		audit.record(requester.user(), requester.clinic(), allowed ? AuditAction.READ : AuditAction.ACCESS_DENIED,
				allowed ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, summary.isPresent() ? patient.id() : null,
				resource(type));
		return allowed ? summary : Optional.empty();
	}

	/**
	 * Whether this is a patient reading their own data, which they may always read: their record was found in
	 * this clinic when their token was read.
	 */
	boolean isOwn(PatientId patient, Requester requester) {
		return requester.isPatient() && patient.equals(requester.patient());
	}

	/**
	 * Whether the requester may read that part of the patient's data, audited like {@link #open}: the read in
	 * the transaction around it when one that writes is open, a refusal in a transaction of its own.
	 */
	boolean mayRead(PatientId patient, Part part, ResourceType type, Requester requester) {
		if (isOwn(patient, requester)) {
			audit.record(requester.user(), requester.clinic(), AuditAction.READ, AuditOutcome.SUCCESS, patient.id(),
					resource(type));
			return true;
		}
		return open(patient, part, type, requester).isPresent();
	}

	/**
	 * The patients whose data a search without a subject reaches: the patient themself, a clinician's care
	 * teams (an administrator's: every patient's record, nobody's care) or, for the clinic's integration, all.
	 * {@code Optional.empty()} means every patient of the clinic.
	 */
	Optional<List<PatientId>> reachable(Part part, Requester requester) {
		return switch (requester.context()) {
			case PATIENT -> Optional.of(List.of(requester.patient()));
			case SYSTEM -> requester.patient() == null ? Optional.empty() : Optional.of(List.of(requester.patient()));
			case USER -> requester.isClinicAdministrator()
					? (part == Part.RECORD ? Optional.empty() : Optional.of(careTeams.patientsOf(requester.user().username())))
					: Optional.of(careTeams.patientsOf(requester.user().username()));
		};
	}

	/** One audit entry for a page of search results, naming every patient whose data it showed. */
	void recordSearch(ResourceType type, Collection<UUID> patientsShown) {
		audit.recordListView(resource(type), patientsShown);
	}

	static String resource(ResourceType type) {
		return "fhir/" + type.name();
	}
}
