package health.stride.patients.internal;

import org.springframework.stereotype.Component;

import health.stride.eligibility.MemberEnrolled;
import health.stride.platform.tenancy.ClinicListener;

/**
 * Opens the patient record when a member signs up. Idempotent: a record that is open already is
 * left as it is, so a publication replayed after a restart changes nothing.
 */
@Component
class EnrollmentListener {

	private final JdbcPatientDirectory patients;

	EnrollmentListener(JdbcPatientDirectory patients) {
		this.patients = patients;
	}

	@ClinicListener
	void on(MemberEnrolled event) {
		patients.openRecordFor(event.enrollment());
	}
}
