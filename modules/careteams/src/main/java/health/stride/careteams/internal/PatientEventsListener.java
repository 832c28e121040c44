package health.stride.careteams.internal;

import java.time.Clock;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import health.stride.careteams.Assignments;
import health.stride.patients.CareTeamAssigned;
import health.stride.patients.IntakeCompleted;
import health.stride.patients.PatientStatusChanged;
import health.stride.patients.RedFlagsCleared;
import health.stride.patients.RedFlagsReported;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Keeps the caseload in step with the patients module and assigns a care team when an intake is
 * finished. Each handler rebuilds the patient's caseload row from the patients module's query API,
 * so an event handled twice has the effect of handling it once.
 */
@Component
class PatientEventsListener {

	private final CaseloadRecords caseload;
	private final Assignments assignments;
	private final Clock clock;

	PatientEventsListener(CaseloadRecords caseload, Assignments assignments, Clock clock) {
		this.caseload = caseload;
		this.assignments = assignments;
		this.clock = clock;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(IntakeCompleted event) {
		CurrentTenant.runAs(event.tenant(), () -> {
			caseload.refresh(event.patient(), clock.instant());
			assignments.assignNew(event.patient());
		});
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(RedFlagsReported event) {
		CurrentTenant.runAs(event.tenant(), () -> caseload.refresh(event.patient(), clock.instant()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(RedFlagsCleared event) {
		CurrentTenant.runAs(event.tenant(), () -> caseload.refresh(event.patient(), null));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(CareTeamAssigned event) {
		CurrentTenant.runAs(event.tenant(), () -> caseload.refresh(event.patient(), null));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(PatientStatusChanged event) {
		CurrentTenant.runAs(event.tenant(), () -> caseload.refresh(event.patient(), null));
	}
}
