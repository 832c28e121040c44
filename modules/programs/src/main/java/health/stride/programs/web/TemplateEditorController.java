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

import health.stride.programs.ExerciseLibrary;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.Tailoring;
import health.stride.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The clinic's program templates: the list, and the editor its therapists and administrators create
 * and change them with. The editor works like the tailoring page; plans already made from a template
 * keep what they were given.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
class TemplateEditorController {

	private final ProgramTemplates templates;
	private final ExerciseLibrary library;
	private final Tailoring tailoring;

	TemplateEditorController(ProgramTemplates templates, ExerciseLibrary library, Tailoring tailoring) {
		this.templates = templates;
		this.library = library;
		this.tailoring = tailoring;
	}

	@GetMapping("/templates")
	String list(Model model) {
		model.addAttribute("templates", templates.all());
		return "programs/templates";
	}

	@GetMapping("/templates/new")
	String create(@RequestParam(required = false) @Nullable UUID from, Model model) {
		ProgramForm form;
		if (from != null) {
			form = ProgramForm.of(find(from));
			form.setName("Copy of " + form.getName());
		} else {
			form = new ProgramForm();
			form.getPhases().add(new ProgramForm.PhaseForm());
			form.getPhases().get(0).setName("Phase 1");
		}
		form.setVersion(0L);
		return page(model, null, form, null, Map.of());
	}

	@GetMapping("/templates/{id}/edit")
	String edit(@PathVariable UUID id, Model model) {
		return page(model, id, ProgramForm.of(find(id)), null, Map.of());
	}

	@PostMapping({ "/templates/new", "/templates/{id}/edit" })
	@Nullable String change(@PathVariable(required = false) @Nullable UUID id, @ModelAttribute ProgramForm form,
			@RequestParam(defaultValue = "") String op,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {

		if (id != null) {
			find(id);
		}
		if (!op.equals("save")) {
			return page(model, id, form, ProgramEdits.apply(form, op, library), Map.of());
		}

		var errors = new ProgramForm.Errors();
		if (form.getName().isBlank() || form.getName().strip().length() > 80) {
			errors.reject("name", "Name the template (up to 80 characters).");
		}
		if (form.getDescription().strip().length() > 500) {
			errors.reject("description", "Keep the description under 500 characters.");
		}
		var phases = form.templatePhases(errors);
		var walking = form.walking(errors);
		if (errors.any()) {
			return page(model, id, form, "Some fields need a look before the template can be saved.", errors.messages());
		}
		var draft = new ProgramTemplates.Draft(form.getName().strip(), form.getDescription().strip(), phases, walking);
		try {
			var saved = id == null ? templates.create(draft, CurrentUser.require().username())
					: templates.update(id, form.getVersion() == null ? -1 : form.getVersion(), draft);
			var message = "Saved the template " + saved.name() + ".";
			if (htmx != null) {
				return Htmx.redirect("/templates", message, request, response);
			}
			redirect.addFlashAttribute("flash", message);
			return "redirect:/templates";
		} catch (ProgramTemplates.StaleVersion stale) {
			var current = find(java.util.Objects.requireNonNull(id));
			form.setVersion(current.version());
			return page(model, id, form, "Someone saved this template while you were editing. Your changes below are"
					+ " not saved yet: save again to put them over theirs, or open the template again to see it.",
					Map.of());
		} catch (IllegalArgumentException invalid) {
			return page(model, id, form, String.valueOf(invalid.getMessage()), Map.of());
		}
	}

	private String page(Model model, @Nullable UUID id, ProgramForm form, @Nullable String status,
			Map<String, String> errors) {
		model.addAttribute("id", id);
		model.addAttribute("form", form);
		model.addAttribute("phases", EditorPhases.of(form, Tailoring.Facts.none(), errors, library, tailoring));
		model.addAttribute("library", library.all());
		model.addAttribute("status", status);
		model.addAttribute("errors", errors);
		return "programs/template-edit";
	}

	private ProgramTemplate find(UUID id) {
		return templates.find(id)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such template."));
	}
}
