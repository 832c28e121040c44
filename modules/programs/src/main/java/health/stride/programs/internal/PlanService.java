package health.stride.programs.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Phrase;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramAssigned;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;

/**
 * The plans of the current clinic: who may change them, saving a tailored plan as its next version
 * and announcing it. The plan itself works out what changed ({@link Plan#tailor}); this service
 * checks the therapist and the library, stores the version and publishes the plan's event.
 */
@Service
@Transactional(readOnly = true)
class PlanService implements Plans {

	private final PlanRecords records;
	private final ProgramTemplates templates;
	private final ExerciseLibrary library;
	private final CareTeams careTeams;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final LessonService lessons;
	private final Clock clock;

	PlanService(PlanRecords records, ProgramTemplates templates, ExerciseLibrary library, CareTeams careTeams,
			ApplicationEventPublisher events, AuditTrail audit, LessonService lessons, Clock clock) {
		this.lessons = lessons;
		this.records = records;
		this.templates = templates;
		this.library = library;
		this.careTeams = careTeams;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Plan assign(PatientId patient, UUID templateId, StrideUser therapist) {

		careTeams.of(patient).filter(it -> it.isTherapist(therapist.username())).orElseThrow(NotYourPatient::new);
		var template = templates.find(templateId).orElseThrow(() -> new IllegalArgumentException("No such template."));
		var now = clock.instant();
		records.assign(patient, template, therapist.username(), now);
		lessons.copy(patient, template); // the template's lessons, in its order
		var plan = records.of(patient).orElseThrow();
		records.keepVersion(plan, List.of(Phrase.of("programs.plan.change.assigned", template.name())),
				therapist.username(), now);

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "plan");
		events.publishEvent(new ProgramAssigned(CurrentTenant.require(), patient, plan.id(), plan.version()));
		return plan;
	}

	@Override
	@Transactional
	public Plan tailor(PatientId patient, long expectedVersion, List<ProgramTemplate.Prescribed> exercises,
			@Nullable Integer phase, StrideUser therapist) {

		var plan = editable(patient, therapist);
		if (plan.version() != expectedVersion) {
			throw stale(patient, plan);
		}
		var phases = new ArrayList<List<ProgramTemplate.Prescribed>>();
		plan.phases().forEach(it -> phases.add(it.exercises()));
		phases.set(plan.currentPhase(), exercises);
		return tailor(patient, expectedVersion, phases, phase == null ? plan.currentPhase() : phase, therapist);
	}

	@Override
	@Transactional
	public Plan tailor(PatientId patient, long expectedVersion, List<List<ProgramTemplate.Prescribed>> exercises,
			int currentPhase, StrideUser therapist) {

		var plan = editable(patient, therapist);
		if (plan.version() != expectedVersion) {
			throw stale(patient, plan);
		}
		for (var phase : exercises) {
			for (var exercise : phase) {
				if (library.find(exercise.slug()).isEmpty()) {
					throw new IllegalArgumentException("'" + exercise.slug() + "' is not an exercise of the library.");
				}
			}
		}
		var tailored = plan.tailor(exercises, currentPhase, this::name, CurrentTenant.require());
		if (!tailored.changedAnything()) {
			return plan;
		}
		var now = clock.instant();
		if (!records.save(tailored.plan(), now)) {
			throw stale(patient, records.of(patient).orElseThrow());
		}
		records.keepVersion(tailored.plan(), tailored.changes(), therapist.username(), now);

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "plan");
		events.publishEvent(tailored.event());
		return records.of(patient).orElseThrow();
	}

	@Override
	public Plan editable(PatientId patient, StrideUser therapist) {
		careTeams.of(patient).filter(it -> it.isTherapist(therapist.username())).orElseThrow(NotYourPatient::new);
		return records.of(patient).orElseThrow(NotYourPatient::new);
	}

	@Override
	public List<Version> versions(PatientId patient) {
		return records.versions(patient);
	}

	@Override
	public Optional<Plan> of(PatientId patient) {
		return records.of(patient);
	}

	@Override
	public Optional<Hold> holdOf(PatientId patient) {
		return records.holdOf(patient);
	}

	/** Puts the patient's exercise on hold for an open red flag: for the red-flag listener only. */
	@Transactional
	void hold(PatientId patient, boolean emergency) {
		records.hold(patient, emergency, clock.instant());
	}

	/** Ends the plan of a discharged patient: for the episode listener only. Ending it twice changes nothing. */
	@Transactional
	void end(PatientId patient) {
		records.end(patient, clock.instant());
	}

	/** Lifts the hold once no red flag is open any more: for the red-flag listener only. */
	@Transactional
	void release(PatientId patient) {
		records.release(patient);
	}

	private String name(String slug) {
		return library.find(slug).map(Exercise::name).orElse(slug);
	}

	private StaleVersion stale(PatientId patient, Plan current) {
		var last = records.versions(patient).stream().findFirst().map(Version::changes).orElse(List.of());
		return new StaleVersion(current.version(), last);
	}
}
