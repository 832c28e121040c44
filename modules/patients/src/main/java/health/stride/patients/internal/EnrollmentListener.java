package health.stride.patients.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import health.stride.eligibility.MemberEnrolled;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Opens the patient record when a member signs up. Runs without a transaction of its own, so the
 * event's clinic becomes the tenant before the record's transaction begins.
 */
@Component
class EnrollmentListener {

	private final PatientDirectory patients;

	EnrollmentListener(PatientDirectory patients) {
		this.patients = patients;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(MemberEnrolled event) {
		CurrentTenant.runAs(event.tenant(), () -> patients.openRecordFor(event.enrollment()));
	}
}
