package health.stride.patients.internal;

import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.patients.PatientStatusChanged;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Changes a patient's status, keeps the history of changes and announces each one. A patient in
 * onboarding becomes active once their intake is complete and a care team is assigned, whichever
 * comes last.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class StatusChanges {

	private final Patients patients;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	StatusChanges(Patients patients, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.patients = patients;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param reason as the person who changed the status wrote it
	 * @return whether the status changed
	 */
	public boolean change(Patient patient, PatientStatus next, String reason) {
		return change(patient, next, reason, null);
	}

	/**
	 * @param reasonCode a message code saying why, shown in the reader's language
	 * @return whether the status changed
	 */
	boolean changeFor(Patient patient, PatientStatus next, String reasonCode) {
		return change(patient, next, null, reasonCode);
	}

	private boolean change(Patient patient, PatientStatus next, @Nullable String reason, @Nullable String reasonCode) {

		var previous = patient.status();
		var now = clock.instant();

		if (!patient.changeStatus(next, now)) {
			return false;
		}
		patients.save(patient);

		jdbc.sql("""
				insert into patients.status_change
				  (id, patient_id, from_status, to_status, reason, reason_code, changed_by, changed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(UUID.randomUUID(), patient.id(), previous.name(), next.name(), reason, reasonCode,
						CurrentUser.get().map(StrideUser::username).orElse("system"), java.sql.Timestamp.from(now))
				.update();

		events.publishEvent(new PatientStatusChanged(CurrentTenant.require(), new PatientId(patient.id()), previous, next));
		return true;
	}

	/** Makes an onboarding patient active when both their intake and their care team are there. */
	public void activateIfReady(UUID patientId) {

		var patient = patients.findById(patientId).orElseThrow();
		if (patient.status() != PatientStatus.ONBOARDING) {
			return;
		}

		var ready = jdbc.sql("""
				select exists (select 1 from patients.intake where patient_id = ? and completed_at is not null)
				   and exists (select 1 from patients.care_team where patient_id = ?)""")
				.params(patientId, patientId).query(Boolean.class).single();

		if (ready) {
			change(patient, PatientStatus.ACTIVE, null, "patients.status-reason.intake-and-care-team");
		}
	}
}
