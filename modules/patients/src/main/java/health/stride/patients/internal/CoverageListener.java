package health.stride.patients.internal;

import org.springframework.stereotype.Component;

import health.stride.eligibility.CoverageEnding;
import health.stride.eligibility.MemberReinstated;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicListener;

/**
 * Keeps the end of a patient's sponsored cover as eligibility has it. Keyed on the patient id the
 * event names, however the patient joined; idempotent because it copies eligibility's current end.
 */
@Component
class CoverageListener {

	private final JdbcPatientDirectory patients;

	CoverageListener(JdbcPatientDirectory patients) {
		this.patients = patients;
	}

	@ClinicListener
	void on(CoverageEnding event) {
		patients.followCoverage(new PatientId(event.patientId()), event.enrollment());
	}

	@ClinicListener
	void on(MemberReinstated event) {
		patients.followCoverage(new PatientId(event.patientId()), event.enrollment());
	}
}
