package health.stride.programs.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.Side;
import health.stride.programs.WalkingTargets;
import health.stride.platform.security.CurrentUser;

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

	PlanController(Plans plans, PatientDirectory patients, ExerciseLibrary library, WalkingTargets walking) {
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
	ResponseEntity<?> assign(@PathVariable UUID patientId, @RequestBody AssignRequest request) {

		if (request.templateId() == null) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are missing or not valid.");
			problem.setProperty("errors", List.of(Map.of("field", "templateId", "message", "Give the id of one of the clinic's templates.")));
			return ResponseEntity.badRequest().body(problem);
		}
		try {
			var plan = plans.assign(new PatientId(patientId), request.templateId(), CurrentUser.require());
			return ResponseEntity.ok(new Assigned(plan.id().toString(), plan.version()));
		} catch (Plans.NotYourPatient notYours) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such patient."));
		} catch (IllegalArgumentException noTemplate) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are missing or not valid.");
			problem.setProperty("errors", List.of(Map.of("field", "templateId", "message", "The clinic has no such template.")));
			return ResponseEntity.badRequest().body(problem);
		}
	}

	record PrescribedJson(@Nullable String slug, @Nullable Integer sets, @Nullable Integer reps,
			@Nullable Integer durationSeconds, @Nullable Integer holdSeconds, @Nullable String side,
			@Nullable Integer timesPerDay, @Nullable Integer daysPerWeek, @Nullable Integer restSeconds,
			@Nullable String note) {}

	record TailorRequest(@Nullable Long version, @Nullable Integer phase, @Nullable List<PrescribedJson> exercises) {}

	record Tailored(String planId, long version, String summary) {}

	/** As on the plan editor page. */
	static final int MAX_NOTE = 500;

	@PatchMapping("/api/patients/{patientId}/plan")
	@PreAuthorize("hasRole('THERAPIST')")
	@ResponseBody
	ResponseEntity<?> tailor(@PathVariable UUID patientId, @RequestBody TailorRequest request) {

		var errors = new java.util.ArrayList<Map<String, String>>();
		if (request.version() == null) {
			errors.add(Map.of("field", "version", "message", "Give the version of the plan you changed."));
		}
		var exercises = new java.util.ArrayList<ProgramTemplate.Prescribed>();
		var given = request.exercises() == null ? List.<PrescribedJson>of() : request.exercises();
		if (given.isEmpty()) {
			errors.add(Map.of("field", "exercises", "message", "A phase has at least one exercise."));
		}
		for (int i = 0; i < given.size(); i++) {
			var line = given.get(i);
			if (line != null && line.note() != null && line.note().strip().length() > MAX_NOTE) {
				errors.add(Map.of("field", "exercises[" + i + "].note", "message", "Keep the note under " + MAX_NOTE + " characters."));
				continue;
			}
			try {
				exercises.add(new ProgramTemplate.Prescribed(java.util.Objects.requireNonNull(line.slug()),
						new Dosing(range(line.sets(), 1, 10), line.reps() == null ? null : range(line.reps(), 1, 100),
								line.durationSeconds() == null ? null : range(line.durationSeconds(), 1, 7200),
								line.holdSeconds() == null ? null : range(line.holdSeconds(), 1, 600),
								Side.valueOf(java.util.Objects.requireNonNull(line.side())), range(line.timesPerDay(), 1, 10),
								range(line.daysPerWeek(), 1, 7), range(line.restSeconds(), 0, 600),
								line.note() == null || line.note().isBlank() ? null : line.note().strip())));
			} catch (RuntimeException invalid) {
				errors.add(Map.of("field", "exercises[" + i + "]", "message", "Give the slug, side (BOTH or EACH), sets 1-10,"
						+ " either reps 1-100 or durationSeconds, timesPerDay 1-10, daysPerWeek 1-7 and restSeconds 0-600."));
			}
		}
		if (!errors.isEmpty()) {
			return invalid(errors);
		}
		try {
			var plan = plans.tailor(new PatientId(patientId), java.util.Objects.requireNonNull(request.version()), exercises,
					request.phase(), CurrentUser.require());
			var summary = plan.version() == request.version() ? "" : plans.versions(plan.patient()).get(0).summary();
			return ResponseEntity.ok(new Tailored(plan.id().toString(), plan.version(), summary));
		} catch (Plans.NotYourPatient notYours) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such patient."));
		} catch (Plans.StaleVersion stale) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, stale.getMessage());
			problem.setProperty("currentVersion", stale.current());
			problem.setProperty("lastChange", stale.lastChange());
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		} catch (IllegalArgumentException unknown) {
			return invalid(List.of(Map.of("field", "exercises", "message", String.valueOf(unknown.getMessage()))));
		}
	}

	private static int range(@Nullable Integer value, int min, int max) {
		if (value == null || value < min || value > max) {
			throw new IllegalArgumentException("out of range");
		}
		return value;
	}

	private static ResponseEntity<ProblemDetail> invalid(List<Map<String, String>> errors) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are missing or not valid.");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/** One exercise of today's plan as the patient reads it. */
	record Today(String slug, String name, String dose, @Nullable String note, List<String> steps, List<String> safety,
			int timesPerDay, @Nullable String position, @Nullable String illustration) {}

	/** Today's step of the walking build-up. */
	record WalkingToday(int minutes, int timesPerDay, int day, String why) {}

	record TodayJson(String planId, long version, String name, String phase, boolean paused, @Nullable String pausedReason,
			List<Today> exercises, ProgramTemplate.@Nullable Walking walking, @Nullable WalkingToday walkingToday) {}

	@GetMapping("/api/me/plan")
	@PreAuthorize("hasRole('PATIENT')")
	@ResponseBody
	ResponseEntity<?> today() {
		var me = me();
		var plan = me.flatMap(plans::of);
		if (plan.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"You have no exercise plan yet: your therapist prepares it after your intake."));
		}
		var hold = plans.holdOf(me.get());
		return ResponseEntity.ok(new TodayJson(plan.get().id().toString(), plan.get().version(), plan.get().name(),
				plan.get().phase().name(), hold.isPresent(), hold.map(it -> PAUSED).orElse(null),
				hold.isPresent() ? List.of() : exercises(plan.get()), hold.isPresent() ? null : plan.get().walking(),
				hold.isPresent() ? null : walkingToday(me.get()).orElse(null)));
	}

	static final String PAUSED = "You reported a symptom that needs a doctor. Your exercises are paused until your care"
			+ " team has talked with you.";

	@GetMapping("/portal/plan")
	@PreAuthorize("hasRole('PATIENT')")
	String page(Model model) {
		var me = me();
		var plan = me.flatMap(plans::of);
		model.addAttribute("plan", plan.orElse(null));
		model.addAttribute("hold", me.flatMap(plans::holdOf).orElse(null));
		model.addAttribute("exercises", plan.map(this::exercises).orElse(List.of()));
		model.addAttribute("walkingToday", me.flatMap(this::walkingToday).orElse(null));
		return "programs/plan";
	}

	private List<Today> exercises(Plan plan) {
		return plan.phase().exercises().stream().map(prescribed -> {
			var exercise = library.find(prescribed.slug());
			return new Today(prescribed.slug(), exercise.map(Exercise::name).orElse(prescribed.slug()),
					prescribed.dosing().summary(), prescribed.dosing().note(),
					exercise.map(Exercise::steps).orElse(List.of()), exercise.map(Exercise::safety).orElse(List.of()),
					prescribed.dosing().timesPerDay(), exercise.map(Exercise::positionLabel).orElse(null),
					exercise.map(Exercise::illustration).orElse(null));
		}).toList();
	}

	private Optional<WalkingToday> walkingToday(PatientId patient) {
		var zone = patients.find(patient).map(it -> java.time.ZoneId.of(it.timeZone())).orElse(java.time.ZoneId.of("UTC"));
		return walking.today(patient, zone).map(it -> new WalkingToday(it.step().minutes(), it.step().timesPerDay(), it.day(),
				it.why()));
	}

	private Optional<PatientId> me() {
		return patients.findByUsername(CurrentUser.require().username()).map(it -> it.id());
	}
}
