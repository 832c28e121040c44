package health.stride.programs.web;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.Tailoring;
import health.stride.platform.security.CurrentUser;
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

	PlanEditorController(Plans plans, PatientDirectory patients, ExerciseLibrary library, Tailoring tailoring) {
		this.plans = plans;
		this.patients = patients;
		this.library = library;
		this.tailoring = tailoring;
	}

	@GetMapping("/patients/{patientId}/plan/edit")
	String edit(@PathVariable UUID patientId, Model model) {
		var record = open(patientId);
		var plan = editable(record.id());
		return page(model, record, plan, ProgramForm.of(plan.phases(), plan.currentPhase(), plan.version()), null,
				Map.of());
	}

	@PostMapping("/patients/{patientId}/plan/edit")
	@Nullable String change(@PathVariable UUID patientId, @ModelAttribute ProgramForm form,
			@RequestParam(defaultValue = "") String op, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			Model model, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {

		var record = open(patientId);
		var plan = editable(record.id());
		if (form.getPhases().size() != plan.phases().size() || form.getVersion() == null) {
			return page(model, record, plan, ProgramForm.of(plan.phases(), plan.currentPhase(), plan.version()),
					"The form did not fit the plan any more, so it shows the saved plan.", Map.of());
		}
		if (!op.equals("save")) {
			return page(model, record, plan, form, ProgramEdits.apply(form, op, library), Map.of());
		}

		var errors = new ProgramForm.Errors();
		var exercises = form.exercises(errors);
		if (errors.any()) {
			return page(model, record, plan, form, "Some fields need a look before the plan can be saved.",
					errors.messages());
		}
		try {
			var saved = plans.tailor(record.id(), form.getVersion(), exercises, form.getCurrent(), CurrentUser.require());
			if (saved.version() == form.getVersion()) {
				return page(model, record, plan, form, "Nothing to save: the plan is as it was.", Map.of());
			}
			var summary = plans.versions(record.id()).get(0).summary();
			var message = "Plan saved as version " + saved.version() + ": " + summary + ".";
			var chart = "/patients/" + patientId;
			if (htmx != null) {
				return Htmx.redirect(chart, message, request, response);
			}
			redirect.addFlashAttribute("flash", message);
			return "redirect:" + chart;
		} catch (Plans.StaleVersion stale) {
			var current = plans.of(record.id()).orElseThrow();
			var last = plans.versions(record.id()).get(0);
			form.setVersion(current.version());
			return page(model, record, current, form, last.changedBy() + " saved version " + current.version()
					+ " while you were editing: " + stale.lastChange() + ". Your changes below are not saved yet. Save"
					+ " again to put them over version " + current.version() + ", or open the plan again to start from"
					+ " it.", Map.of());
		} catch (IllegalArgumentException notInLibrary) {
			return page(model, record, plan, form, String.valueOf(notInLibrary.getMessage()), Map.of());
		}
	}

	private String page(Model model, PatientRecord record, Plan plan, ProgramForm form, @Nullable String status,
			Map<String, String> errors) {

		var facts = tailoring.factsOf(record.id());
		var phases = EditorPhases.of(form, facts, errors, library, tailoring);

		model.addAttribute("patient", record);
		model.addAttribute("plan", plan);
		model.addAttribute("form", form);
		model.addAttribute("phases", phases);
		model.addAttribute("cautions", facts.cautions().stream().sorted().map(Tailoring.Caution::label).toList());
		model.addAttribute("library", library.all());
		model.addAttribute("status", status);
		model.addAttribute("errors", errors);
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
