package health.stride.messaging.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import health.stride.messaging.Threads;
import health.stride.patients.CareTeamAssigned;
import health.stride.patients.CareTeams;
import health.stride.patients.RedFlagsCleared;
import health.stride.patients.RedFlags;
import health.stride.patients.RedFlagsReported;
import health.stride.programs.PainFlareReported;
import health.stride.programs.ProgramAssigned;
import health.stride.programs.ProgramTailored;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Messages Stride posts into a patient's thread when something happens: a welcome from the first care
 * team, a new or changed plan, scale-back guidance after a pain flare, urgent guidance after a red
 * flag (which also marks the thread urgent until the flags are cleared). Each is keyed by what
 * caused it, so an event delivered twice posts once. None names a condition or a symptom.
 */
@Component
class SystemMessages {

	static final String SCALE_BACK = "Your last session ended with more pain. For the next few days, scale back: fewer"
			+ " repetitions, smaller movements, shorter walks at an easier pace. Stop any exercise that sends pain"
			+ " further down your leg. Your care team has been told and will look at your plan.";

	static final String URGENT = "You told us about a symptom that needs a doctor. If it is an emergency, call 911 or go"
			+ " to an emergency department now. Your exercises are paused, and your care team will contact you.";

	private final Threads threads;
	private final CareTeams careTeams;
	private final RedFlags redFlags;

	SystemMessages(Threads threads, CareTeams careTeams, RedFlags redFlags) {
		this.threads = threads;
		this.careTeams = careTeams;
		this.redFlags = redFlags;
	}

	/**
	 * Brings the thread's participants in step with the care team and welcomes a patient to their
	 * first one; a later change is announced by the care teams module, which knows the clinicians.
	 */
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(CareTeamAssigned event) {
		CurrentTenant.runAs(event.tenant(), () -> {
			if (event.isChange()) {
				threads.open(event.patient()); // participants follow the change; careteams announces it
				return;
			}
			// a care team without a therapist waits for one: the welcome comes when they are assigned
			careTeams.of(event.patient()).filter(team -> team.therapist() != null).ifPresent(team -> {
				var coach = team.coach() == null ? ""
						: " Your health coach, " + java.util.Objects.requireNonNull(team.coach()).displayName()
								+ ", helps you keep going.";
				threads.postSystem(event.patient(), "welcome:" + event.patient().id() + ":" + event.therapist(),
						"Welcome! " + java.util.Objects.requireNonNull(team.therapist()).displayName() + " is your physical therapist." + coach
								+ " Write here with any question about your exercises or your pain; your care team"
								+ " usually answers within one working day. In an emergency, call 911.",
						false);
			});
		});
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProgramAssigned event) {
		CurrentTenant.runAs(event.tenant(), () -> threads.postSystem(event.patient(),
				"plan:" + event.plan() + ":" + event.version(),
				"Your exercise plan is ready. Open today's plan to see your exercises.", false));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProgramTailored event) {
		CurrentTenant.runAs(event.tenant(), () -> threads.postSystem(event.patient(),
				"plan:" + event.plan() + ":" + event.version(),
				"Your therapist changed your exercise plan. Open today's plan to see what is new.", false));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(PainFlareReported event) {
		CurrentTenant.runAs(event.tenant(),
				() -> threads.postSystem(event.patient(), "flare:" + event.session(), SCALE_BACK, false));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(RedFlagsReported event) {
		// the thread is marked urgent only while the report is open: an event re-published after a restart
		// may arrive when a clinician has cleared the report already
		CurrentTenant.runAs(event.tenant(), () -> {
			var open = redFlags.open(event.patient()).stream().anyMatch(it -> it.id().equals(event.report()));
			threads.postSystem(event.patient(), "red-flag:" + event.report(), URGENT, open);
		});
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(RedFlagsCleared event) {
		// asked now rather than taken from the event, which a later report may have overtaken
		CurrentTenant.runAs(event.tenant(), () -> {
			if (redFlags.open(event.patient()).isEmpty()) {
				threads.clearUrgent(event.patient());
			}
		});
	}
}
