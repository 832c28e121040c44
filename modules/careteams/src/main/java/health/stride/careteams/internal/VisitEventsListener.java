package health.stride.careteams.internal;

import org.springframework.stereotype.Component;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicListener;
import health.stride.visits.VisitBooked;
import health.stride.visits.VisitCancelled;
import health.stride.visits.VisitCompleted;
import health.stride.visits.VisitHeld;
import health.stride.visits.VisitMissed;
import health.stride.visits.VisitRescheduled;

/**
 * Keeps the caseload's "missed visit" reason in step with the patient's visits (booked, moved, cancelled,
 * missed, held, completed with a signed note). Every visit event
 * only says which patient to look at again: the projection asks the visits module for the state of
 * their visits, so an event handled twice, or after a later one, changes nothing.
 */
@Component
class VisitEventsListener {

	private final CaseloadProjection caseload;

	VisitEventsListener(CaseloadProjection caseload) {
		this.caseload = caseload;
	}

	@ClinicListener
	void on(VisitBooked event) {
		visitsChanged(event.patient());
	}

	@ClinicListener
	void on(VisitRescheduled event) {
		visitsChanged(event.patient());
	}

	@ClinicListener
	void on(VisitCancelled event) {
		visitsChanged(event.patient());
	}

	@ClinicListener
	void on(VisitMissed event) {
		visitsChanged(event.patient());
	}

	@ClinicListener
	void on(VisitHeld event) {
		visitsChanged(event.patient());
	}

	/** The visit's note was signed: a visit completed after the patient's latest miss shows they are back. */
	@ClinicListener
	void on(VisitCompleted event) {
		visitsChanged(event.patient());
	}

	private void visitsChanged(PatientId patient) {
		caseload.lock(patient);
		caseload.visitsChanged(patient);
	}
}
