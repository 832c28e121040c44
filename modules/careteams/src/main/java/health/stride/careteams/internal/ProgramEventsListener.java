package health.stride.careteams.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

import health.stride.platform.tenancy.ClinicListener;
import health.stride.programs.ExerciseSessionLogged;
import health.stride.programs.PainFlareReported;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramAssigned;
import health.stride.programs.ProgramTailored;
import health.stride.programs.ProgressionSuggested;
import health.stride.programs.Progressions;
import health.stride.programs.Sessions;

/**
 * What the programs module reports, kept on the caseload: a plan assigned (the patient no longer
 * needs one, and inactivity counts from then), sessions (the last one, for inactivity), pain flares
 * and suggestions to progress, which stand until the therapist changes the plan. The events carry no
 * clinical value: what the caseload shows is asked from programs. Every update keeps the latest
 * moment, so handling an event twice changes nothing.
 */
@Component
class ProgramEventsListener {

	private final CaseloadProjection caseload;
	private final Clock clock;
	private final Sessions sessions;
	private final Plans plans;
	private final Progressions progressions;

	ProgramEventsListener(CaseloadProjection caseload, Clock clock, Sessions sessions, Plans plans,
			Progressions progressions) {
		this.caseload = caseload;
		this.clock = clock;
		this.sessions = sessions;
		this.plans = plans;
		this.progressions = progressions;
	}

	@ClinicListener
	void on(ProgramAssigned event) {
		caseload.planAssigned(event.patient(), plans.of(event.patient()).map(Plan::daysPerWeek).orElse(null));
	}

	@ClinicListener
	void on(ProgramTailored event) {
		caseload.planTailored(event.patient(), plans.of(event.patient()).map(Plan::daysPerWeek).orElse(null));
	}

	@ClinicListener
	void on(ExerciseSessionLogged event) {
		var latest = sessions.latest(event.patient());
		if (latest.isEmpty()) {
			return;
		}
		var monday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).with(DayOfWeek.MONDAY);
		var thisWeek = sessions.countSince(event.patient(), monday.atStartOfDay(ZoneOffset.UTC).toInstant());
		caseload.sessionLogged(event.patient(), latest.get().performedAt(), latest.get().painAfter(), monday, thisWeek,
				plans.of(event.patient()).map(Plan::daysPerWeek).orElse(null));
	}

	@ClinicListener
	void on(PainFlareReported event) {
		caseload.flareReported(event.patient(), event.at());
	}

	@ClinicListener
	void on(ProgressionSuggested event) {
		// asked from programs, so a suggestion closed meanwhile is not shown as open
		caseload.progressionSuggested(event.patient(), progressions.open(event.patient()).isPresent());
	}
}
