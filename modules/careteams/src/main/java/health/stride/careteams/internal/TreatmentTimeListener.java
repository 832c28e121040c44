package health.stride.careteams.internal;

import org.springframework.stereotype.Component;

import health.stride.platform.tenancy.ClinicListener;
import health.stride.visits.VisitCompleted;

/**
 * A therapist's visit completed with a signed note counts its minutes as treatment-management time
 * for remote therapeutic monitoring. Idempotent: one entry per visit, so an event re-published after
 * a restart adds nothing.
 */
@Component
class TreatmentTimeListener {

	private final RemoteMonitoring monitoring;

	TreatmentTimeListener(RemoteMonitoring monitoring) {
		this.monitoring = monitoring;
	}

	@ClinicListener
	void on(VisitCompleted event) {
		monitoring.visitCompleted(event.visit(), event.patient(), event.clinicianId(), event.startsAt(), event.minutes());
	}
}
