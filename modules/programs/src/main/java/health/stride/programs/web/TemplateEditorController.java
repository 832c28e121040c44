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
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Phrase;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.internal.Tailoring;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The clinic's program templates: the list, and the editor its therapists and administrators create
 * and change them with. The editor works like the tailoring page; plans already made from a template
 * keep what they were given. The form is checked (Bean Validation for the template's own fields,
 * {@code Dosing} for every exercise) on every post, but its problems are shown only when saving.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
class TemplateEditorController {

	private final ProgramTemplates templates;
	private final ExerciseLibrary library;
	private final Tailoring tailoring;
	private final MessageSource messages;

	TemplateEditorController(ProgramTemplates templates, ExerciseLibrary library, Tailoring tailoring,
			MessageSource messages) {
		this.templates = templates;
		this.library = library;
		this.tailoring = tailoring;
		this.messages = messages;
	}

	@GetMapping("/templates")
	String list(Model model) {
		model.addAttribute("templates", templates.all());
		return "programs/templates";
	}

	@GetMapping("/templates/new")
	String create(@RequestParam(required = false) @Nullable UUID from, Model model, Locale locale) {
		var form = from == null ? ProgramForm.empty(phaseName(1, locale))
				: ProgramForm.of(find(from)).withName(messages.getMessage("programs.template.copy-of",
						new Object[] { find(from).name() }, locale));
		return page(model, locale, null, form.withVersion(0L), null, Map.of());
	}

	@GetMapping("/templates/{id}/edit")
	String edit(@PathVariable UUID id, Model model, Locale locale) {
		return page(model, locale, id, ProgramForm.of(find(id)), null, Map.of());
	}

	@PostMapping({ "/templates/new", "/templates/{id}/edit" })
	@Nullable String change(@PathVariable(required = false) @Nullable UUID id,
			@Validated(ProgramForm.Template.class) @ModelAttribute("form") ProgramForm form, BindingResult binding,
			@RequestParam(defaultValue = "") String op,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model, Locale locale,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {

		if (id != null) {
			find(id);
		}
		if (!op.equals("save")) {
			var edit = ProgramEdits.apply(form, op, library, phaseName(form.phases().size() + 1, locale));
			return page(model, locale, id, edit.form(), edit.status(), Map.of());
		}

		var errors = new FieldErrors();
		var phases = form.templatePhases(errors);
		var walking = form.walking(errors);
		errors.copyTo(binding);
		if (binding.hasErrors()) {
			return page(model, locale, id, form, Phrase.of("programs.editor.template.check-fields"),
					EditorPhases.errors(binding, messages, locale));
		}
		var draft = new ProgramTemplates.Draft(form.name().strip(), form.description().strip(), phases, walking);
		try {
			var saved = id == null ? templates.create(draft, CurrentUser.require().username())
					: templates.update(id, form.version() == null ? -1 : form.version(), draft);
			var message = messages.getMessage("programs.editor.template.saved", new Object[] { saved.name() }, locale);
			if (htmx != null) {
				return Htmx.redirect("/templates", message, request, response);
			}
			redirect.addFlashAttribute("flash", message);
			return "redirect:/templates";
		} catch (ProgramTemplates.StaleVersion stale) {
			var current = find(java.util.Objects.requireNonNull(id));
			return page(model, locale, id, form.withVersion(current.version()), Phrase.of("programs.editor.template.stale"),
					Map.of());
		} catch (IllegalArgumentException invalid) {
			return page(model, locale, id, form, Phrase.of("programs.editor.not-in-library"), Map.of());
		}
	}

	private String phaseName(int number, Locale locale) {
		return messages.getMessage("programs.template.phase.default", new Object[] { number }, locale);
	}

	private String page(Model model, Locale locale, @Nullable UUID id, ProgramForm form, @Nullable Phrase status,
			Map<String, String> errors) {
		model.addAttribute("id", id);
		model.addAttribute("form", form);
		model.addAttribute("phases", EditorPhases.of(form, Tailoring.Facts.none(), errors, library, tailoring, messages,
				locale));
		model.addAttribute("library", library.all());
		model.addAttribute("status", status == null ? null : status.in(messages, locale));
		model.addAttribute("errors", errors);
		return "programs/template-edit";
	}

	private ProgramTemplate find(UUID id) {
		return templates.find(id)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such template."));
	}
}
