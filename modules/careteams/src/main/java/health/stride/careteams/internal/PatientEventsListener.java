package health.stride.careteams.internal;

import org.springframework.stereotype.Component;

import health.stride.patients.CareTeamAssigned;
import health.stride.patients.EpisodeOpened;
import health.stride.patients.IntakeCompleted;
import health.stride.patients.PatientDischarged;
import health.stride.patients.PatientStatusChanged;
import health.stride.patients.RedFlagsCleared;
import health.stride.patients.RedFlagsReported;
import health.stride.patients.UrgentScreeningReported;
import health.stride.patients.UrgentScreeningReviewed;
import health.stride.platform.tenancy.ClinicListener;

/**
 * Keeps the caseload in step with the patients module and assigns a care team when an intake is
 * finished. The projection rebuilds the patient's row from the patients module's query API, so an
 * event handled twice has the effect of handling it once.
 */
@Component
class PatientEventsListener {

	private final CaseloadProjection caseload;
	private final Assignments assignments;

	PatientEventsListener(CaseloadProjection caseload, Assignments assignments) {
		this.caseload = caseload;
		this.assignments = assignments;
	}

	@ClinicListener
	void on(IntakeCompleted event) {
		caseload.intakeCompleted(event.patient());
		assignments.assignNew(event.patient());
	}

	@ClinicListener
	void on(RedFlagsReported event) {
		caseload.redFlagsReported(event.patient());
	}

	@ClinicListener
	void on(RedFlagsCleared event) {
		caseload.redFlagsCleared(event.patient());
	}

	@ClinicListener
	void on(UrgentScreeningReported event) {
		caseload.urgentScreeningReported(event.patient(), event.answeredAt());
	}

	@ClinicListener
	void on(UrgentScreeningReviewed event) {
		caseload.urgentScreeningReviewed(event.patient());
	}

	@ClinicListener
	void on(CareTeamAssigned event) {
		caseload.careTeamAssigned(event.patient());
	}

	@ClinicListener
	void on(PatientStatusChanged event) {
		caseload.statusChanged(event.patient());
	}

	@ClinicListener
	void on(PatientDischarged event) {
		caseload.discharged(event.patient());
	}

	@ClinicListener
	void on(EpisodeOpened event) {
		caseload.episodeOpened(event.patient());
	}
}
