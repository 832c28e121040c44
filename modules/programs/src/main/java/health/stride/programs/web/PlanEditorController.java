package health.stride.programs.web;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Phrase;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.internal.HandoutEmails;
import health.stride.programs.internal.Tailoring;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page a therapist tailors a patient's plan on: every dosing field, adding, removing, reordering
 * and swapping exercises, and the phase the patient is in. Each button sends the whole form and gets
 * it back changed (in place with htmx, as a new page without JavaScript); only Save stores a new
 * version. Exercises the patient's intake warns about are marked, with alternatives one click away.
 */
@Controller
@PreAuthorize("hasRole('THERAPIST')")
class PlanEditorController {

	private final Plans plans;
	private final PatientDirectory patients;
	private final ExerciseLibrary library;
	private final Tailoring tailoring;
	private final MessageSource messages;
	private final HandoutEmails handoutEmails;

	PlanEditorController(Plans plans, PatientDirectory patients, ExerciseLibrary library, Tailoring tailoring,
			MessageSource messages, HandoutEmails handoutEmails) {
		this.handoutEmails = handoutEmails;
		this.plans = plans;
		this.patients = patients;
		this.library = library;
		this.tailoring = tailoring;
		this.messages = messages;
	}

	@GetMapping("/patients/{patientId}/plan/edit")
	String edit(@PathVariable UUID patientId, Model model, Locale locale) {
		var record = open(patientId);
		var plan = editable(record.id());
		return page(model, locale, record, plan, ProgramForm.of(plan.phases(), plan.currentPhase(), plan.version()), null,
				Map.of());
	}

	@PostMapping("/patients/{patientId}/plan/edit")
	@Nullable String change(@PathVariable UUID patientId, @ModelAttribute("form") ProgramForm form, BindingResult binding,
			@RequestParam(defaultValue = "") String op,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model, Locale locale,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {

		var record = open(patientId);
		var plan = editable(record.id());
		if (binding.hasErrors() || form.phases().size() != plan.phases().size() || form.version() == null) {
			return page(model, locale, record, plan, ProgramForm.of(plan.phases(), plan.currentPhase(), plan.version()),
					Phrase.of("programs.editor.plan.refit"), Map.of());
		}
		if (!op.equals("save")) {
			var edit = ProgramEdits.apply(form, op, library, "");
			return page(model, locale, record, plan, edit.form(), edit.status(), Map.of());
		}

		var errors = new FieldErrors();
		var exercises = form.exercises(errors);
		if (!errors.isEmpty()) {
			errors.copyTo(binding);
			return page(model, locale, record, plan, form, Phrase.of("programs.editor.plan.check-fields"),
					EditorPhases.errors(binding, messages, locale));
		}
		try {
			var saved = plans.tailor(record.id(), form.version(), exercises, form.currentPhase(), CurrentUser.require());
			if (saved.version() == form.version()) {
				return page(model, locale, record, plan, form, Phrase.of("programs.editor.plan.unchanged"), Map.of());
			}
			var summary = plans.versions(record.id()).get(0).summary(messages, locale);
			var message = messages.getMessage("programs.editor.plan.saved", new Object[] { saved.version(), summary },
					locale);
			var chart = "/patients/" + patientId;
			if (htmx != null) {
				return Htmx.redirect(chart, message, request, response);
			}
			redirect.addFlashAttribute("flash", message);
			return "redirect:" + chart;
		} catch (Plans.StaleVersion stale) {
			var current = plans.of(record.id()).orElseThrow();
			var last = plans.versions(record.id()).get(0);
			return page(model, locale, record, current, form.withVersion(current.version()),
					Phrase.of("programs.editor.plan.stale", last.changedBy(), String.valueOf(current.version()),
							Phrase.in(stale.lastChange(), messages, locale)),
					Map.of());
		} catch (IllegalArgumentException notInLibrary) {
			return page(model, locale, record, plan, form, Phrase.of("programs.editor.not-in-library"), Map.of());
		}
	}

	private String page(Model model, Locale locale, PatientRecord record, Plan plan, ProgramForm form,
			@Nullable Phrase status, Map<String, String> errors) {

		var facts = tailoring.factsOf(record.id());
		var phases = EditorPhases.of(form, facts, errors, library, tailoring, messages, locale);

		model.addAttribute("patient", record);
		model.addAttribute("plan", plan);
		model.addAttribute("form", form);
		model.addAttribute("phases", phases);
		model.addAttribute("cautions", facts.cautions().stream().sorted()
				.map(it -> it.label().in(messages, locale)).toList());
		model.addAttribute("library", library.all());
		model.addAttribute("status", status == null ? null : status.in(messages, locale));
		model.addAttribute("errors", errors);
		model.addAttribute("handoutEmail", handoutEmails.available());
		model.addAttribute("warningCount", phases.stream().flatMap(it -> it.lines().stream())
				.filter(it -> it.warning() != null).count());
		return "programs/tailor";
	}

	private PatientRecord open(UUID patientId) {
		return patients.open(new PatientId(patientId), CurrentUser.require())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient."));
	}

	private Plan editable(PatientId patient) {
		try {
			return plans.editable(patient, CurrentUser.require());
		} catch (Plans.NotYourPatient notYours) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient.");
		}
	}
}
