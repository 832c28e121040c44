package health.stride.patients.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.Aggravator;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.Diagnosis;
import health.stride.patients.IntakeDraft;
import health.stride.patients.IntakeStep;
import health.stride.patients.Intakes;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PortalAccess;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;

/**
 * The patient's onboarding pages: the consents, the intake one step per page (each saved, so the
 * patient can leave and come back), reporting a new symptom, and the urgent-care guidance a
 * red-flag answer leads to.
 */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class IntakePagesController {

	private final PatientDirectory directory;
	private final Consents consents;
	private final Intakes intakes;
	private final RedFlags redFlags;
	private final MessageSource messages;

	IntakePagesController(PatientDirectory directory, Consents consents, Intakes intakes, RedFlags redFlags,
			MessageSource messages) {
		this.messages = messages;
		this.directory = directory;
		this.consents = consents;
		this.intakes = intakes;
		this.redFlags = redFlags;
	}

	/**
	 * A document to agree to, in the version shown; its paragraphs are the clinic's own text, or
	 * none where the clinic published none and the page shows Stride's default text.
	 */
	record Outstanding(ConsentDocument document, String version, List<String> paragraphs) {}

	@GetMapping("/portal/consents")
	String consents(Model model) {
		model.addAttribute("documents", outstanding(me()));
		return "patients/consents";
	}

	private List<Outstanding> outstanding(PatientId patient) {
		var language = Language.of(LocaleContextHolder.getLocale()).orElse(Language.ENGLISH);
		return consents.outstanding(patient).stream().map(document -> consents.published(document)
				.map(published -> new Outstanding(document, published.version(), paragraphs(published.text(language))))
				.orElseGet(() -> new Outstanding(document, consents.currentVersion(document), List.of()))).toList();
	}

	private static List<String> paragraphs(String text) {
		return java.util.Arrays.stream(text.split("\\R\\s*\\R")).map(String::strip).filter(it -> !it.isEmpty()).toList();
	}

	@PostMapping("/portal/consents")
	String consent(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {

		var patient = me();
		var outstanding = consents.outstanding(patient);
		var missing = outstanding.stream().filter(it -> !"yes".equals(form.getFirst("agree-" + it.name()))).toList();

		if (!missing.isEmpty()) {
			model.addAttribute("documents", outstanding(patient));
			model.addAttribute("missing", missing);
			return "patients/consents";
		}
		try {
			for (var document : outstanding) {
				consents.accept(patient, document, Optional.ofNullable(form.getFirst("version-" + document.name())).orElse(""));
			}
		} catch (Consents.OutdatedVersion outdated) {
			redirect.addFlashAttribute("flash", messages.getMessage("patients.consents.outdated",
					new Object[] { title(outdated.document()) }, LocaleContextHolder.getLocale()));
			return "redirect:/portal/consents";
		}
		return "redirect:/portal/intake";
	}

	@GetMapping("/portal/intake")
	String intake(@RequestParam(required = false) @Nullable Integer step, Model model) {

		var patient = me();
		if (!consents.outstanding(patient).isEmpty()) {
			return "redirect:/portal/consents";
		}
		var draft = intakes.draft(patient);
		if (draft.completed()) {
			return "redirect:/portal";
		}
		var shown = step == null || step < IntakeStep.FIRST || step > draft.nextStep() ? draft.nextStep() : step;
		return page(model, shown, formOf(draft), new FieldErrors());
	}

	@PostMapping("/portal/intake/{step}")
	String saveStep(@PathVariable int step, @RequestParam MultiValueMap<String, String> form, Model model) {

		var patient = me();
		var errors = new FieldErrors();
		var parsed = parse(step, form, errors);

		if (parsed == null) {
			return page(model, Math.clamp(step, IntakeStep.FIRST, IntakeStep.LAST), form, errors);
		}
		try {
			var draft = intakes.save(patient, parsed);
			if (!draft.completed()) {
				return "redirect:/portal/intake?step=" + draft.nextStep();
			}
			// the mood check-in (PHQ-2, GAD-7) is part of the intake; warning signs come first
			return draft.redFlags().isEmpty() ? "redirect:/portal/check-in" : "redirect:/portal/urgent";
		} catch (Consents.Required required) {
			return "redirect:/portal/consents";
		} catch (Intakes.AlreadyCompleted | PortalAccess.ReadOnly done) {
			return "redirect:/portal";
		} catch (Intakes.StepNotReached notReached) {
			return "redirect:/portal/intake";
		}
	}

	@GetMapping("/portal/symptoms/new")
	String newSymptom(Model model) {
		model.addAttribute("flags", RedFlag.values());
		return "patients/report-symptom";
	}

	@PostMapping("/portal/symptoms")
	String reportSymptom(@RequestParam(name = "symptom", required = false) @Nullable List<String> symptoms, Model model) {

		var answers = new HashMap<String, @Nullable Boolean>();
		(symptoms == null ? List.<String>of() : symptoms).forEach(it -> answers.put(it, true));
		var errors = new FieldErrors();
		var screen = IntakeInput.screen(answers, false, errors);

		if (screen == null || screen.yes().isEmpty()) {
			model.addAttribute("flags", RedFlag.values());
			model.addAttribute("error", "patients.symptom.none");
			return "patients/report-symptom";
		}
		try {
			redFlags.report(me(), screen.yes(), RedFlags.Source.REPORT);
		} catch (PortalAccess.ReadOnly readOnly) {
			// the portal home says the episode ended and how to reach the clinic
			return "redirect:/portal";
		}
		return "redirect:/portal/urgent";
	}

	@GetMapping("/portal/urgent")
	String urgent(Model model) {
		var open = redFlags.open(me());
		var symptoms = open.stream().flatMap(it -> it.symptoms().stream()).distinct().sorted().toList();
		model.addAttribute("emergency", symptoms.stream().filter(it -> it.urgency() == RedFlag.Urgency.EMERGENCY).toList());
		model.addAttribute("sameDay", symptoms.stream().filter(it -> it.urgency() == RedFlag.Urgency.SAME_DAY).toList());
		return "patients/urgent";
	}

	private String page(Model model, int step, MultiValueMap<String, String> form, FieldErrors errors) {
		var locale = LocaleContextHolder.getLocale();
		var shown = new java.util.LinkedHashMap<String, String>();
		errors.asMap().forEach((field, problem) -> shown.put(field, messages.getMessage(problem, locale)));
		model.addAttribute("step", step);
		model.addAttribute("steps", IntakeStep.LAST);
		model.addAttribute("form", form);
		model.addAttribute("errors", shown);
		model.addAttribute("regions", PainRegion.values());
		model.addAttribute("durations", PainDuration.values());
		model.addAttribute("aggravators", Aggravator.values());
		model.addAttribute("diagnoses", Diagnosis.values());
		model.addAttribute("flags", RedFlag.values());
		model.addAttribute("psfsLines", java.util.stream.IntStream.range(0, IntakeInput.MAX_PSFS).boxed().toList());
		return "patients/intake";
	}

	private static @Nullable IntakeStep parse(int step, MultiValueMap<String, String> form, FieldErrors errors) {
		return switch (step) {
			case 1 -> IntakeInput.whereItHurts(form.get("painRegions"), number(form.getFirst("painNow")), errors);
			case 2 -> IntakeInput.course(form.getFirst("painDuration"), form.get("worseWith"), errors);
			case 3 -> IntakeInput.history(form.get("diagnoses"), form.getFirst("goals"), errors);
			case 4 -> {
				var lines = new ArrayList<IntakeInput.Psfs>();
				for (int i = 0; i < IntakeInput.MAX_PSFS; i++) {
					lines.add(new IntakeInput.Psfs(form.getFirst("activity" + i), number(form.getFirst("score" + i))));
				}
				yield IntakeInput.function(lines, errors);
			}
			case 5 -> {
				var answers = new HashMap<String, @Nullable Boolean>();
				for (var flag : RedFlag.values()) {
					var answer = form.getFirst("flag-" + flag.code());
					answers.put(flag.code(), answer == null ? null : "yes".equals(answer));
				}
				yield IntakeInput.screen(answers, true, errors);
			}
			default -> {
				errors.reject("step", "patients.intake.no-such-step");
				yield null;
			}
		};
	}

	/** The saved answers in the shape of the form, so a page shows what the patient entered before. */
	private static MultiValueMap<String, String> formOf(IntakeDraft draft) {

		var form = new LinkedMultiValueMap<String, String>();
		draft.painRegions().forEach(it -> form.add("painRegions", it.code()));
		if (draft.painNow() != null) {
			form.add("painNow", draft.painNow().toString());
		}
		if (draft.painDuration() != null) {
			form.add("painDuration", draft.painDuration().code());
		}
		draft.worseWith().forEach(it -> form.add("worseWith", it.code()));
		draft.diagnoses().forEach(it -> form.add("diagnoses", it.code()));
		if (draft.goals() != null) {
			form.add("goals", draft.goals());
		}
		for (int i = 0; i < draft.psfs().size(); i++) {
			form.add("activity" + i, draft.psfs().get(i).activity());
			form.add("score" + i, Integer.toString(draft.psfs().get(i).score()));
		}
		if (draft.nextStep() > IntakeStep.LAST) {
			for (var flag : RedFlag.values()) {
				form.add("flag-" + flag.code(), draft.redFlags().contains(flag) ? "yes" : "no");
			}
		}
		return form;
	}

	private static @Nullable Integer number(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		} catch (NumberFormatException e) {
			return -1; // reported as out of range
		}
	}

	/** A document's title as it reads inside a sentence. */
	private String title(ConsentDocument document) {
		var locale = LocaleContextHolder.getLocale();
		return messages.getMessage("patients.consent." + document.name(), null, locale).toLowerCase(locale);
	}

	private PatientId me() {
		return directory.findByUsername(CurrentUser.require().username())
				.orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
						org.springframework.http.HttpStatus.NOT_FOUND,
						messages.getMessage("patients.api.no-record", null, LocaleContextHolder.getLocale())))
				.id();
	}
}
