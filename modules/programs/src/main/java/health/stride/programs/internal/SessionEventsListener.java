package health.stride.programs.internal;

import java.time.ZoneId;

import org.springframework.stereotype.Component;

import health.stride.eligibility.Engagement;
import health.stride.patients.PatientDirectory;
import health.stride.programs.ExerciseSessionLogged;
import health.stride.programs.ProgramAssigned;
import health.stride.programs.ProgramTailored;
import health.stride.platform.tenancy.ClinicListener;

/**
 * After a session: the day counts as active for the sponsor's engagement numbers (eligibility sits
 * upstream, so programs reports it through eligibility's API), and the progression rules look
 * again. A changed plan closes the open suggestion. Handling an event twice changes nothing.
 */
@Component
class SessionEventsListener {

	private final Engagement engagement;
	private final JdbcProgressions progressions;
	private final PatientDirectory patients;

	SessionEventsListener(Engagement engagement, JdbcProgressions progressions, PatientDirectory patients) {
		this.engagement = engagement;
		this.progressions = progressions;
		this.patients = patients;
	}

	@ClinicListener
	void on(ExerciseSessionLogged event) {
		var zone = patients.find(event.patient()).map(it -> ZoneId.of(it.timeZone())).orElse(ZoneId.of("UTC"));
		engagement.recordActivity(event.patient().id(), event.performedAt().atZone(zone).toLocalDate());
		progressions.evaluate(event.patient());
	}

	@ClinicListener
	void on(ProgramTailored event) {
		progressions.close(event.patient());
	}

	@ClinicListener
	void on(ProgramAssigned event) {
		progressions.close(event.patient());
	}
}
