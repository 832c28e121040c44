package health.stride.programs.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientSummary;
import health.stride.patients.PortalAccess;
import health.stride.programs.Effort;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Lessons;
import health.stride.programs.PainLight;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.Sessions;
import health.stride.programs.SkipReason;
import health.stride.programs.SymptomShift;
import health.stride.programs.Walks;
import health.stride.programs.internal.Tailoring;
import health.stride.programs.internal.WalkingTargets;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;
import health.stride.programs.SharedTexts;

/**
 * The patient's session player, phone first: pain before, each exercise of today's plan with its
 * dose, instructions and a timer, done or skipped, then pain after, where the symptoms went and how
 * hard it felt. The pain traffic light stays in view. The walking log sits beside it.
 */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class SessionPagesController {

	private final Sessions sessions;
	private final Plans plans;
	private final PatientDirectory patients;
	private final ExerciseLibrary library;
	private final WalkingTargets walking;
	private final SharedTexts texts;
	private final MessageSource messages;
	private final Tailoring tailoring;
	private final Lessons lessons;

	SessionPagesController(Sessions sessions, Plans plans, PatientDirectory patients, ExerciseLibrary library,
			WalkingTargets walking, SharedTexts texts, MessageSource messages, Tailoring tailoring, Lessons lessons) {
		this.lessons = lessons;
		this.tailoring = tailoring;
		this.sessions = sessions;
		this.plans = plans;
		this.patients = patients;
		this.library = library;
		this.walking = walking;
		this.texts = texts;
		this.messages = messages;
	}

	/**
	 * One exercise of the session on the page: what to do (a shared exercise's words in the reader's
	 * language), and its part of the form. The position is its code, {@code programs.position.<POSITION>}.
	 */
	record Step(int index, String slug, String name, String dose, @Nullable String note, List<String> steps,
			List<String> safety, String position, String illustration, @Nullable Integer timerSeconds,
			boolean reps, SessionForm.Line form, Map<String, String> errors) {}

	@GetMapping("/portal/session")
	String session(Model model) {
		var me = me();
		var plan = me.flatMap(it -> plans.of(it.id()));
		if (me.isEmpty() || plan.isEmpty()) {
			return "redirect:/portal/plan";
		}
		var form = new SessionForm();
		form.setIdempotencyKey(UUID.randomUUID().toString());
		for (var prescribed : plan.get().phase().exercises()) {
			var line = new SessionForm.Line();
			line.setExerciseSlug(prescribed.slug());
			line.setSetsDone(String.valueOf(prescribed.dosing().sets()));
			line.setRepsDone(prescribed.dosing().reps() == null ? "" : String.valueOf(prescribed.dosing().reps()));
			form.getExercises().add(line);
		}
		return page(model, me.get(), plan.get(), form, Map.of());
	}

	@PostMapping("/portal/session")
	String log(@ModelAttribute SessionForm form, Model model) {
		var me = me();
		var plan = me.flatMap(it -> plans.of(it.id()));
		if (me.isEmpty() || plan.isEmpty()) {
			return "redirect:/portal/plan";
		}
		try {
			sessions.log(me.get().id(), form.input());
			return "redirect:/portal/session/done";
		} catch (InvalidInput invalid) {
			return page(model, me.get(), plan.get(), form, PageErrors.of(invalid, messages, LocaleContextHolder.getLocale()));
		} catch (Sessions.OnHold | Sessions.NoPlan stopped) {
			return "redirect:/portal/plan";
		} catch (PortalAccess.ReadOnly readOnly) {
			return "redirect:/portal"; // the portal home says why and how to reach the clinic
		}
	}

	/** The traffic light for a pain score, swapped into the session page as the patient chooses it. */
	@GetMapping("/portal/session/light")
	String light(@RequestParam(defaultValue = "-1") int pain, Model model) {
		model.addAttribute("light", pain < 0 || pain > 10 ? null : PainLight.of(pain));
		model.addAttribute("pain", pain);
		return "programs/session :: light";
	}

	@GetMapping("/portal/session/done")
	String done(Model model) {
		var me = me();
		var last = me.map(it -> sessions.of(it.id(), 0, 1)).orElse(List.of());
		if (last.isEmpty()) {
			return "redirect:/portal/session";
		}
		var session = last.get(0);
		var zone = ZoneId.of(me.get().timeZone());
		model.addAttribute("logged", session);
		model.addAttribute("light", PainLight.of(session.painAfter()));
		model.addAttribute("flare", session.flare());
		model.addAttribute("walking", walking.today(me.get().id(), zone).orElse(null));
		model.addAttribute("todayLesson", lessons.today(me.get().id(), LocaleContextHolder.getLocale()).orElse(null));
		model.addAttribute("names", session.exercises().stream()
				.map(it -> library.find(it.slug(), LocaleContextHolder.getLocale()).map(Exercise::name).orElse(it.slug()))
				.toList());
		return "programs/session-done";
	}

	@GetMapping("/portal/walk")
	String walk(Model model) {
		var me = me();
		if (me.isEmpty()) {
			return "redirect:/portal";
		}
		return walkPage(model, me.get(), new WalkForm(UUID.randomUUID().toString(), "", "", "", "", ""), Map.of());
	}

	/** The walk form as posted, every field as typed, so a refused form comes back as it was. */
	record WalkForm(String idempotencyKey, String minutes, String surface, String painBefore, String painAfter,
			String symptomShift) {}

	@PostMapping("/portal/walk")
	String logWalk(@RequestParam(defaultValue = "") String idempotencyKey, @RequestParam(defaultValue = "") String minutes,
			@RequestParam(defaultValue = "") String surface, @RequestParam(defaultValue = "") String painBefore,
			@RequestParam(defaultValue = "") String painAfter, @RequestParam(defaultValue = "") String symptomShift,
			Model model, RedirectAttributes redirect) {
		var me = me();
		if (me.isEmpty()) {
			return "redirect:/portal";
		}
		var form = new WalkForm(idempotencyKey, minutes, surface, painBefore, painAfter, symptomShift);
		try {
			var walk = walking.log(me.get().id(), idempotencyKey, number(minutes), surface, number(painBefore),
					number(painAfter), symptomShift);
			// a flare's advice first; otherwise pain moving toward the middle of the back is said to be good
			var saved = walk.flare() ? "programs.walk.saved.flare"
					: walk.symptomShift() == SymptomShift.CENTRALIZING ? "programs.walk.saved.centralizing"
							: "programs.walk.saved";
			redirect.addFlashAttribute("flash", messages.getMessage(saved,
					new Object[] { walk.minutes(), walk.painBefore(), walk.painAfter() }, LocaleContextHolder.getLocale()));
			return "redirect:/portal/progress";
		} catch (InvalidInput invalid) {
			return walkPage(model, me.get(), form, PageErrors.of(invalid, messages, LocaleContextHolder.getLocale()));
		} catch (Sessions.OnHold paused) {
			return "redirect:/portal/plan";
		} catch (PortalAccess.ReadOnly readOnly) {
			return "redirect:/portal";
		}
	}

	private String walkPage(Model model, PatientSummary me, WalkForm form, Map<String, String> errors) {
		model.addAttribute("walk", form);
		model.addAttribute("errors", errors);
		model.addAttribute("surfaces", Walks.Surface.values());
		model.addAttribute("shifts", SymptomShift.values());
		model.addAttribute("stenosis", tailoring.factsOf(me.id()).stenosis());
		model.addAttribute("target", walking.today(me.id(), ZoneId.of(me.timeZone())).orElse(null));
		return "programs/walk";
	}

	private static @Nullable Integer number(String text) {
		try {
			return text.isBlank() ? null : Integer.parseInt(text.strip());
		} catch (NumberFormatException notANumber) {
			return -1;
		}
	}

	private String page(Model model, PatientSummary me, Plan plan, SessionForm form, Map<String, String> errors) {
		var hold = plans.holdOf(me.id());
		var locale = LocaleContextHolder.getLocale();
		var steps = new java.util.ArrayList<Step>();
		var prescribed = plan.phase().exercises();
		for (int i = 0; i < form.getExercises().size(); i++) {
			var line = form.getExercises().get(i);
			var exercise = library.find(line.getExerciseSlug(), locale);
			var dosing = prescribed.stream().filter(it -> it.slug().equals(line.getExerciseSlug())).findFirst()
					.map(it -> it.dosing()).orElse(exercise.map(Exercise::dosing).orElse(null));
			if (exercise.isEmpty() || dosing == null) {
				continue;
			}
			var note = dosing.note() == null ? null : texts.template(dosing.note(), locale);
			var timer = dosing.holdSeconds() != null ? dosing.holdSeconds() : dosing.durationSeconds();
			steps.add(new Step(i, line.getExerciseSlug(), exercise.get().name(), dosing.summary(), note,
					exercise.get().steps(), exercise.get().safety(), exercise.get().position(),
					exercise.get().illustration(), timer, dosing.reps() != null, line,
					PageErrors.under(errors, "exercises[" + i + "].")));
		}
		model.addAttribute("plan", plan);
		model.addAttribute("planName", texts.template(plan.name(), locale));
		model.addAttribute("phaseName", texts.template(plan.phase().name(), locale));
		model.addAttribute("hold", hold.orElse(null));
		model.addAttribute("form", form);
		model.addAttribute("steps", steps);
		model.addAttribute("errors", errors);
		model.addAttribute("scale", java.util.stream.IntStream.rangeClosed(0, 10).boxed().toList());
		model.addAttribute("shifts", SymptomShift.values());
		model.addAttribute("efforts", Effort.values());
		model.addAttribute("reasons", SkipReason.values());
		model.addAttribute("lights", PainLight.values());
		var before = number(form.getPainBefore());
		model.addAttribute("light", before == null || before < 0 || before > 10 ? null : PainLight.of(before));
		model.addAttribute("walking", walking.today(me.id(), ZoneId.of(me.timeZone())).orElse(null));
		return "programs/session";
	}

	private Optional<PatientSummary> me() {
		return patients.findByUsername(CurrentUser.require().username());
	}
}
