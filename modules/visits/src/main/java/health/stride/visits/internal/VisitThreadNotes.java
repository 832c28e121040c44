package health.stride.visits.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import health.stride.messaging.Threads;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicListener;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.VisitBooked;
import health.stride.visits.VisitCancelled;
import health.stride.visits.VisitMissed;
import health.stride.visits.VisitRescheduled;

/**
 * Tells the patient's thread when a visit is booked, moved, cancelled or missed, through messaging's
 * API (messaging sits upstream). The words name the clinician and never the time: a stored message is
 * read later by people in other time zones, and the visits page shows the time in each reader's
 * zone. Each is keyed by what happened, so a redelivered event posts nothing.
 */
@Component
class VisitThreadNotes {

	static final String BOOKED = "visits.thread.booked";
	static final String MOVED = "visits.thread.moved";
	static final String CANCELLED = "visits.thread.cancelled";
	static final String MISSED = "visits.thread.missed";

	private final Threads threads;
	private final Hosts hosts;

	VisitThreadNotes(Threads threads, Hosts hosts) {
		this.threads = threads;
		this.hosts = hosts;
	}

	@ClinicListener
	void on(VisitBooked event) {
		post(event.patient(), "visit-booked:" + event.visit(), BOOKED, event.clinicianId());
	}

	@ClinicListener
	void on(VisitRescheduled event) {
		post(event.patient(), "visit-moved:" + event.visit() + ":" + event.previousStartsAt() + ":" + event.startsAt(),
				MOVED, event.clinicianId());
	}

	@ClinicListener
	void on(VisitCancelled event) {
		post(event.patient(), "visit-cancelled:" + event.visit(), CANCELLED, event.clinicianId());
	}

	@ClinicListener
	void on(VisitMissed event) {
		post(event.patient(), "visit-missed:" + event.visit(), MISSED, event.clinicianId());
	}

	private void post(PatientId patient, String key, String code, UUID clinicianId) {
		var clinician = hosts.find(clinicianId).map(Host::displayName).orElse("");
		threads.postFromStride(patient, key, code, List.of(clinician));
	}
}
