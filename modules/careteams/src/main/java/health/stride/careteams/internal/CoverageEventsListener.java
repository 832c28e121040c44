package health.stride.careteams.internal;

import org.springframework.stereotype.Component;

import health.stride.patients.CoverageEndChanged;
import health.stride.platform.tenancy.ClinicListener;

/** Shows on the caseload when a patient's sponsored cover ends; the projection reads it afresh each time. */
@Component
class CoverageEventsListener {

	private final CaseloadProjection caseload;

	CoverageEventsListener(CaseloadProjection caseload) {
		this.caseload = caseload;
	}

	@ClinicListener
	void on(CoverageEndChanged event) {
		caseload.coverageChanged(event.patient());
	}
}
