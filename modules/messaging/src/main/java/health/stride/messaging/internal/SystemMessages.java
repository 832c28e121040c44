package health.stride.messaging.internal;

import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeamAssigned;
import health.stride.patients.CareTeams;
import health.stride.patients.EpisodeOpened;
import health.stride.patients.Episodes;
import health.stride.patients.PatientDischarged;
import health.stride.patients.RedFlags;
import health.stride.patients.RedFlagsCleared;
import health.stride.patients.RedFlagsReported;
import health.stride.patients.Screenings;
import health.stride.patients.UrgentScreeningReported;
import health.stride.patients.UrgentScreeningReviewed;
import health.stride.platform.tenancy.ClinicListener;
import health.stride.programs.PainFlareReported;
import health.stride.programs.ProgramAssigned;
import health.stride.programs.ProgramTailored;

/**
 * Messages Stride posts into a patient's thread when something happens: a welcome from the first care
 * team, who joined it when it changed, a new or changed plan, scale-back guidance after a pain flare,
 * urgent guidance after a red flag (which also marks the thread urgent until the flags are cleared),
 * word that an urgent mood screening answer needs attention (urgent until reviewed, naming no answer),
 * the end of an episode of care (which closes the thread) and the start of the next (which opens it).
 * Each is keyed by what caused it, so an event delivered twice posts once, and each is a message code
 * with its arguments, so every reader reads it in their own language. None names a condition or a symptom.
 */
@Component
class SystemMessages {

	static final String WELCOME = "messaging.system.welcome";
	static final String WELCOME_WITH_COACH = "messaging.system.welcome-with-coach";
	static final String NEW_THERAPIST_AND_COACH = "messaging.system.care-team-changed.therapist-and-coach";
	static final String NEW_THERAPIST = "messaging.system.care-team-changed.therapist";
	static final String NEW_COACH = "messaging.system.care-team-changed.coach";
	static final String PLAN_READY = "messaging.system.plan-ready";
	static final String PLAN_CHANGED = "messaging.system.plan-changed";
	static final String SCALE_BACK = "messaging.system.scale-back";
	static final String URGENT = "messaging.system.urgent";
	static final String MOOD_URGENT = "messaging.system.mood-urgent";
	static final String EPISODE_ENDED = "messaging.system.episode-ended";
	static final String EPISODE_OPENED = "messaging.system.episode-opened";

	private final ThreadService threads;
	private final CareTeams careTeams;
	private final RedFlags redFlags;
	private final Screenings screenings;
	private final Episodes episodes;

	SystemMessages(ThreadService threads, CareTeams careTeams, RedFlags redFlags, Screenings screenings,
			Episodes episodes) {
		this.screenings = screenings;
		this.threads = threads;
		this.episodes = episodes;
		this.careTeams = careTeams;
		this.redFlags = redFlags;
	}

	/**
	 * Brings the thread's participants in step with the care team; welcomes a patient to their first
	 * one, and tells them who joined it when it changed (a reassignment, a clinician leaving).
	 */
	@ClinicListener
	void on(CareTeamAssigned event) {
		if (event.isChange()) {
			threads.open(event.patient());
			announce(event);
			return;
		}
		// a care team without a therapist waits for one: the welcome comes when they are assigned
		careTeams.of(event.patient()).filter(team -> team.therapist() != null).ifPresent(team -> {
			var therapist = Objects.requireNonNull(team.therapist()).displayName();
			var key = "welcome:" + event.patient().id() + ":" + event.therapist();
			if (team.coach() == null) {
				threads.postSystem(event.patient(), key, WELCOME, List.of(therapist), false);
			} else {
				threads.postSystem(event.patient(), key, WELCOME_WITH_COACH,
						List.of(therapist, Objects.requireNonNull(team.coach()).displayName()), false);
			}
		});
	}

	/**
	 * Names the clinicians who joined, as patients see them. The names come from the care team of
	 * record, and only for the clinicians this change brought: if a later change overtook it, that one
	 * names its own. Keyed by the change's moment, so telling the same change twice posts one message.
	 */
	private void announce(CareTeamAssigned event) {
		var team = careTeams.of(event.patient());
		var therapist = joined(event.therapist(), event.previousTherapist(), team.map(CareTeam::therapist).orElse(null));
		var coach = joined(event.coach(), event.previousCoach(), team.map(CareTeam::coach).orElse(null));
		var key = "care-team:" + event.patient().id() + ":" + event.assignedAt();
		if (therapist != null && coach != null) {
			threads.postSystem(event.patient(), key, NEW_THERAPIST_AND_COACH, List.of(therapist, coach), false);
		} else if (therapist != null) {
			threads.postSystem(event.patient(), key, NEW_THERAPIST, List.of(therapist), false);
		} else if (coach != null) { // a clinician who left is announced by nobody new
			threads.postSystem(event.patient(), key, NEW_COACH, List.of(coach), false);
		}
	}

	private static @org.jspecify.annotations.Nullable String joined(java.util.@org.jspecify.annotations.Nullable UUID now,
			java.util.@org.jspecify.annotations.Nullable UUID before, CareTeam.@org.jspecify.annotations.Nullable Member current) {
		if (now == null || now.equals(before) || current == null || !current.clinicianId().equals(now)) {
			return null;
		}
		return current.displayName();
	}

	@ClinicListener
	void on(ProgramAssigned event) {
		threads.postSystem(event.patient(), "plan:" + event.plan() + ":" + event.version(), PLAN_READY, List.of(), false);
	}

	@ClinicListener
	void on(ProgramTailored event) {
		threads.postSystem(event.patient(), "plan:" + event.plan() + ":" + event.version(), PLAN_CHANGED, List.of(), false);
	}

	@ClinicListener
	void on(PainFlareReported event) {
		threads.postSystem(event.patient(), "flare:" + event.session(), SCALE_BACK, List.of(), false);
	}

	@ClinicListener
	void on(RedFlagsReported event) {
		// the thread is marked urgent only while the report is open: an event re-published after a restart
		// may arrive when a clinician has cleared the report already
		var open = redFlags.open(event.patient()).stream().anyMatch(it -> it.id().equals(event.report()));
		threads.postSystem(event.patient(), "red-flag:" + event.report(), URGENT, List.of(), open);
	}

	/**
	 * Closes the thread when the episode of care ends. The patient's episodes are asked, not the
	 * event: a discharge re-published after the patient came back closes nothing.
	 */
	@ClinicListener
	void on(PatientDischarged event) {
		if (episodes.current(event.patient()).filter(it -> it.number() == event.episode() && !it.isOpen()).isPresent()) {
			threads.postSystem(event.patient(), "episode-ended:" + event.patient().id() + ":" + event.episode(),
					EPISODE_ENDED, List.of(), false);
			threads.close(event.patient(), true);
		}
	}

	@ClinicListener
	void on(EpisodeOpened event) {
		if (episodes.current(event.patient()).filter(it -> it.number() == event.episode() && it.isOpen()).isPresent()) {
			threads.close(event.patient(), false);
			threads.postSystem(event.patient(), "episode-opened:" + event.patient().id() + ":" + event.episode(),
					EPISODE_OPENED, List.of(), false);
		}
	}

	@ClinicListener
	void on(RedFlagsCleared event) {
		clearUrgentIfNothingOpen(event.patient());
	}

	/**
	 * Tells the patient and the care team that the answers need urgent attention, and marks the thread
	 * urgent while the answer is still open. The message names no questionnaire, question or answer:
	 * the care team reads those on the chart.
	 */
	@ClinicListener
	void on(UrgentScreeningReported event) {
		var open = screenings.open(event.patient()).stream().anyMatch(it -> it.id().equals(event.screening()));
		threads.postSystem(event.patient(), "mood-urgent:" + event.screening(), MOOD_URGENT, List.of(), open);
	}

	@ClinicListener
	void on(UrgentScreeningReviewed event) {
		clearUrgentIfNothingOpen(event.patient());
	}

	/** Asked now rather than taken from the event, which a later report or answer may have overtaken. */
	private void clearUrgentIfNothingOpen(health.stride.patients.PatientId patient) {
		if (redFlags.open(patient).isEmpty() && screenings.open(patient).isEmpty()) {
			threads.clearUrgent(patient);
		}
	}
}
