package health.stride.patients;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.Signups;
import health.stride.patients.internal.Patient;
import health.stride.patients.internal.Patients;

/** The patients of the current clinic. */
@Service
@Transactional(readOnly = true)
public class PatientDirectory {

	private final Patients patients;
	private final Signups signups;
	private final Clock clock;

	PatientDirectory(Patients patients, Signups signups, Clock clock) {
		this.patients = patients;
		this.signups = signups;
		this.clock = clock;
	}

	public Optional<PatientSummary> find(PatientId id) {
		return patients.findById(id.id()).map(Patient::summary);
	}

	public Optional<PatientSummary> findByUsername(String username) {
		return patients.findByUsername(username).map(Patient::summary);
	}

	/** Opens the record of a member who signed up; does nothing if it is open already. */
	@Transactional
	public void openRecordFor(EnrollmentId enrollment) {

		var signup = signups.enrollment(enrollment)
				.orElseThrow(() -> new IllegalStateException("No enrollment " + enrollment));

		if (!patients.existsById(signup.patientId())) {
			patients.save(Patient.enrolled(signup, clock.instant()));
		}
	}
}
