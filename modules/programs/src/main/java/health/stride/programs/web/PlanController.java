package health.stride.programs.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.context.MessageSource;
import org.springframework.web.ErrorResponseException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Lessons;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.SharedTexts;
import health.stride.programs.Side;
import health.stride.programs.Phrase;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;
import health.stride.programs.internal.Tailoring;
import health.stride.programs.internal.WalkingTargets;

/**
 * A patient's plan: assigned by their therapist over the API, read by the patient over the API and
 * on their plan page. While a red flag is open the patient is shown why there is no exercise today.
 */
@Controller
class PlanController {

	private final Plans plans;
	private final PatientDirectory patients;
	private final ExerciseLibrary library;
	private final WalkingTargets walking;
	private final MessageSource messages;
	private final SharedTexts texts;
	private final Tailoring tailoring;
	private final Lessons lessons;

	PlanController(Plans plans, PatientDirectory patients, ExerciseLibrary library, WalkingTargets walking,
			MessageSource messages, SharedTexts texts, Tailoring tailoring, Lessons lessons) {
		this.lessons = lessons;
		this.tailoring = tailoring;
		this.messages = messages;
		this.texts = texts;
		this.walking = walking;
		this.plans = plans;
		this.patients = patients;
		this.library = library;
	}

	record AssignRequest(@Nullable UUID templateId) {}

	record Assigned(String planId, long version) {}

	@PutMapping("/api/patients/{patientId}/plan")
	@PreAuthorize("hasRole('THERAPIST')")
	@ResponseBody
	Assigned assign(@PathVariable UUID patientId, @RequestBody AssignRequest request) {

		var templateId = request.templateId();
		if (templateId == null) {
			new FieldErrors().reject("templateId", "programs.plan.template-id.required").throwIfAny();
		}
		try {
			var plan = plans.assign(new PatientId(patientId), java.util.Objects.requireNonNull(templateId),
					CurrentUser.require());
			return new Assigned(plan.id().toString(), plan.version());
		} catch (Plans.NotYourPatient notYours) {
			throw noSuchPatient();
		} catch (IllegalArgumentException noTemplate) {
			new FieldErrors().reject("templateId", "programs.plan.template-id.unknown").throwIfAny();
			throw noTemplate;
		}
	}

	record PrescribedJson(@Nullable String slug, @Nullable Integer sets, @Nullable Integer reps,
			@Nullable Integer durationSeconds, @Nullable Integer holdSeconds, @Nullable String side,
			@Nullable Integer timesPerDay, @Nullable Integer daysPerWeek, @Nullable Integer restSeconds,
			@Nullable String note) {

		/** The prescribed exercise, or null with its problems in {@code errors}; the ranges are the dosing's own. */
		ProgramTemplate.@Nullable Prescribed prescribed(String prefix, FieldErrors errors) {
			if (slug == null || slug.isBlank()) {
				errors.reject(prefix + "slug", "programs.plan.exercise.slug.required");
			}
			var chosen = Side.BOTH.name().equals(side) ? Side.BOTH : Side.EACH.name().equals(side) ? Side.EACH : null;
			var dosing = Dosing.of(prefix, sets, reps, durationSeconds, holdSeconds, chosen, timesPerDay, daysPerWeek,
					restSeconds, note, errors);
			return dosing == null || slug == null || slug.isBlank() ? null : new ProgramTemplate.Prescribed(slug, dosing);
		}
	}

	record TailorRequest(@Nullable Long version, @Nullable Integer phase, @Nullable List<PrescribedJson> exercises) {}

	record Tailored(String planId, long version, String summary) {}

	/**
	 * Changes the current phase of the plan (and, if given, the phase the patient is in). Bad fields
	 * are answered by the API's problem details in the reader's language, the dosing's ranges as
	 * {@code Dosing} states them.
	 */
	@PatchMapping("/api/patients/{patientId}/plan")
	@PreAuthorize("hasRole('THERAPIST')")
	@ResponseBody
	Tailored tailor(@PathVariable UUID patientId, @RequestBody TailorRequest request, Locale locale) {

		var errors = new FieldErrors();
		if (request.version() == null) {
			errors.reject("version", "programs.plan.version.required");
		}
		var given = request.exercises() == null ? List.<@Nullable PrescribedJson>of() : request.exercises();
		if (given.isEmpty()) {
			errors.reject("exercises", "programs.plan.exercises.empty");
		}
		var exercises = new ArrayList<ProgramTemplate.Prescribed>();
		for (int i = 0; i < given.size(); i++) {
			var line = given.get(i);
			if (line == null) {
				errors.reject("exercises[" + i + "]", "programs.plan.exercise.required");
				continue;
			}
			var prescribed = line.prescribed("exercises[" + i + "].", errors);
			if (prescribed != null) {
				exercises.add(prescribed);
			}
		}
		errors.throwIfAny();
		var version = java.util.Objects.requireNonNull(request.version());
		try {
			var plan = plans.tailor(new PatientId(patientId), version, exercises, request.phase(), CurrentUser.require());
			var summary = plan.version() == version ? "" : plans.versions(plan.patient()).get(0).summary(messages, locale);
			return new Tailored(plan.id().toString(), plan.version(), summary);
		} catch (Plans.NotYourPatient notYours) {
			throw noSuchPatient();
		} catch (Plans.StaleVersion stale) {
			var problem = ProblemDetail.forStatus(HttpStatus.CONFLICT);
			problem.setProperty("currentVersion", stale.current());
			problem.setProperty("lastChange", Phrase.in(stale.lastChange(), messages, locale));
			throw new ErrorResponseException(HttpStatus.CONFLICT, problem, stale, "programs.plan.problem.stale",
					new Object[] { stale.current(), Phrase.in(stale.lastChange(), messages, locale) });
		} catch (IllegalArgumentException unknown) {
			new FieldErrors().reject("exercises", "programs.plan.exercises.unknown").throwIfAny();
			throw unknown;
		}
	}

	/** The patient is not the therapist's: for them, the patient does not exist. */
	private static ErrorResponseException noSuchPatient() {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatus(HttpStatus.NOT_FOUND), null,
				"programs.plan.problem.no-such-patient", null);
	}

	/** One exercise of today's plan as the patient reads it, in the reader's language. */
	record Today(String slug, String name, String dose, @Nullable String note, List<String> steps, List<String> safety,
			int timesPerDay, @Nullable String position, @Nullable String illustration) {}

	/** Today's step of the walking build-up; {@code why} is in the reader's language. */
	record WalkingToday(int minutes, int timesPerDay, int day, String reason, String why) {}

	record TodayJson(String planId, long version, String name, String phase, boolean paused, @Nullable String pausedReason,
			List<Today> exercises, ProgramTemplate.@Nullable Walking walking, @Nullable WalkingToday walkingToday) {}

	@GetMapping("/api/me/plan")
	@PreAuthorize("hasRole('PATIENT')")
	@ResponseBody
	TodayJson today(Locale locale) {
		var me = me();
		var plan = me.flatMap(plans::of).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatus(HttpStatus.NOT_FOUND), null, "programs.plan.problem.no-plan-yet", null));
		var hold = plans.holdOf(me.get());
		return new TodayJson(plan.id().toString(), plan.version(), texts.template(plan.name(), locale),
				texts.template(plan.phase().name(), locale), hold.isPresent(),
				hold.map(it -> messages.getMessage("programs.plan.paused", null, locale)).orElse(null),
				hold.isPresent() ? List.of() : exercises(plan, locale), hold.isPresent() ? null : plan.walking(),
				hold.isPresent() ? null : walkingToday(me.get(), locale).orElse(null));
	}

	@GetMapping("/portal/plan")
	@PreAuthorize("hasRole('PATIENT')")
	String page(Model model, Locale locale) {
		var me = me();
		var plan = me.flatMap(plans::of);
		model.addAttribute("plan", plan.orElse(null));
		model.addAttribute("planName", plan.map(it -> texts.template(it.name(), locale)).orElse(null));
		model.addAttribute("phaseName", plan.map(it -> texts.template(it.phase().name(), locale)).orElse(null));
		model.addAttribute("walkingNote", plan.map(Plan::walking).map(ProgramTemplate.Walking::note)
				.map(it -> texts.template(it, locale)).orElse(null));
		model.addAttribute("hold", me.flatMap(plans::holdOf).orElse(null));
		model.addAttribute("exercises", plan.map(it -> exercises(it, locale)).orElse(List.of()));
		model.addAttribute("walkingToday", me.flatMap(it -> walkingToday(it, locale)).orElse(null));
		// walking with stenosis: lean forward when the legs tire; bending forward is what eases it
		model.addAttribute("stenosis", me.map(it -> tailoring.factsOf(it).stenosis()).orElse(false));
		model.addAttribute("todayLesson", me.flatMap(it -> lessons.today(it, locale)).orElse(null));
		return "programs/plan";
	}

	private List<Today> exercises(Plan plan, Locale locale) {
		return plan.phase().exercises().stream().map(prescribed -> {
			var exercise = library.find(prescribed.slug(), locale);
			var note = prescribed.dosing().note();
			return new Today(prescribed.slug(), exercise.map(Exercise::name).orElse(prescribed.slug()),
					prescribed.dosing().words().in(messages, locale), note == null ? null : texts.template(note, locale),
					exercise.map(Exercise::steps).orElse(List.of()), exercise.map(Exercise::safety).orElse(List.of()),
					prescribed.dosing().timesPerDay(),
					exercise.map(it -> messages.getMessage("programs.position." + it.position(), null, it.position(), locale))
							.orElse(null),
					exercise.map(Exercise::illustration).orElse(null));
		}).toList();
	}

	private Optional<WalkingToday> walkingToday(PatientId patient, Locale locale) {
		var zone = patients.find(patient).map(it -> java.time.ZoneId.of(it.timeZone())).orElse(java.time.ZoneId.of("UTC"));
		return walking.today(patient, zone).map(it -> new WalkingToday(it.step().minutes(), it.step().timesPerDay(), it.day(),
				it.reason(), messages.getMessage("programs.walking.why." + it.reason(), null, locale)));
	}

	private Optional<PatientId> me() {
		return patients.findByUsername(CurrentUser.require().username()).map(it -> it.id());
	}
}
