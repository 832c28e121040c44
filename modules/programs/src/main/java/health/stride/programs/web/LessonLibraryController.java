package health.stride.programs.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;
import health.stride.programs.Lesson;
import health.stride.programs.Lessons;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;

/**
 * The education library for the clinic's staff: the lessons, one page per lesson, the form the
 * clinic adds and edits its own with (Stride's are copied, not edited), and the pages that put a
 * template's or a patient's plan's lessons in order.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
class LessonLibraryController {

	private final Lessons lessons;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final MessageSource messages;

	LessonLibraryController(Lessons lessons, ProgramTemplates templates, PatientDirectory patients,
			MessageSource messages) {
		this.lessons = lessons;
		this.templates = templates;
		this.patients = patients;
		this.messages = messages;
	}

	@GetMapping("/library/lessons")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String library(Model model, Locale locale) {
		model.addAttribute("lessons", lessons.library(locale));
		return "programs/lessons";
	}

	@GetMapping("/library/lessons/{slug}")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String lesson(@PathVariable String slug, Model model, Locale locale) {
		model.addAttribute("lesson", find(slug, locale));
		model.addAttribute("back", "/library/lessons");
		model.addAttribute("staff", true);
		return "programs/lesson";
	}

	@GetMapping("/library/lessons/new")
	String create(@RequestParam(required = false) @Nullable String from, Model model, Locale locale) {
		var form = LessonForm.empty();
		if (from != null) {
			var original = find(from, locale);
			form = new LessonForm(messages.getMessage("programs.lesson-form.copy-of", new Object[] { original.title() },
					locale), original.takeaway(), LessonForm.of(original).body());
		}
		return form(model, form, null, Map.of());
	}

	@PostMapping("/library/lessons/new")
	String add(@ModelAttribute("form") LessonForm form, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			var added = lessons.add(Lessons.Draft.of(form.title(), form.takeaway(), form.body()),
					CurrentUser.require().username());
			redirect.addFlashAttribute("flash", messages.getMessage("programs.lessons.added",
					new Object[] { added.title() }, locale));
			return "redirect:/library/lessons/" + added.slug();
		} catch (InvalidInput invalid) {
			return form(model, form, null, PageErrors.of(invalid, messages, locale));
		} catch (Lessons.TitleTaken taken) {
			return form(model, form, null, Map.of("title", messages.getMessage("programs.lesson-form.error.title-taken",
					null, locale)));
		}
	}

	@GetMapping("/library/lessons/{slug}/edit")
	String edit(@PathVariable String slug, Model model, Locale locale) {
		return form(model, LessonForm.of(custom(slug, locale)), slug, Map.of());
	}

	@PostMapping("/library/lessons/{slug}/edit")
	String update(@PathVariable String slug, @ModelAttribute("form") LessonForm form, Model model, Locale locale,
			RedirectAttributes redirect) {
		custom(slug, locale);
		try {
			var draft = Lessons.Draft.of(form.title(), form.takeaway(), form.body());
			lessons.update(slug, draft);
			redirect.addFlashAttribute("flash", messages.getMessage("programs.lessons.saved",
					new Object[] { draft.title() }, locale));
			return "redirect:/library/lessons/" + slug;
		} catch (InvalidInput invalid) {
			return form(model, form, slug, PageErrors.of(invalid, messages, locale));
		} catch (Lessons.TitleTaken taken) {
			return form(model, form, slug, Map.of("title", messages.getMessage("programs.lesson-form.error.title-taken",
					null, locale)));
		}
	}

	@GetMapping("/templates/{id}/lessons")
	String templateLessons(@PathVariable UUID id, Model model, Locale locale) {
		var template = template(id);
		var library = lessons.library(locale);
		return order(model, LessonOrder.rows(library, lessons.ofTemplate(id)), template.name(), "/templates/" + id + "/lessons",
				"/templates", null);
	}

	@PostMapping("/templates/{id}/lessons")
	String changeTemplateLessons(@PathVariable UUID id, @RequestParam Map<String, String> sent, Model model,
			Locale locale, RedirectAttributes redirect) {
		var template = template(id);
		var library = lessons.library(locale);
		var listed = LessonOrder.listed(library, sent);
		if (listed == null || listed.size() > 60) {
			return order(model, LessonOrder.rows(library, sent), template.name(), "/templates/" + id + "/lessons",
					"/templates", messages.getMessage("programs.lesson-order.error", null, locale));
		}
		lessons.changeTemplate(id, listed);
		redirect.addFlashAttribute("flash", messages.getMessage("programs.lesson-order.template-saved",
				new Object[] { template.name(), listed.size() }, locale));
		return "redirect:/templates";
	}

	@GetMapping("/patients/{patientId}/plan/lessons")
	@PreAuthorize("hasRole('THERAPIST')")
	String planLessons(@PathVariable UUID patientId, Model model, Locale locale) {
		var record = open(patientId);
		var library = lessons.library(locale);
		return order(model, LessonOrder.rows(library, lessons.ofPlan(record.id())), record.firstName() + " " + record.lastName(),
				"/patients/" + patientId + "/plan/lessons", "/patients/" + patientId, null);
	}

	@PostMapping("/patients/{patientId}/plan/lessons")
	@PreAuthorize("hasRole('THERAPIST')")
	String changePlanLessons(@PathVariable UUID patientId, @RequestParam Map<String, String> sent, Model model,
			Locale locale, RedirectAttributes redirect) {
		var record = open(patientId);
		var library = lessons.library(locale);
		var listed = LessonOrder.listed(library, sent);
		if (listed == null || listed.size() > 60) {
			return order(model, LessonOrder.rows(library, sent), record.firstName() + " " + record.lastName(),
					"/patients/" + patientId + "/plan/lessons", "/patients/" + patientId,
					messages.getMessage("programs.lesson-order.error", null, locale));
		}
		try {
			lessons.changePlan(record.id(), listed, CurrentUser.require());
		} catch (Plans.NotYourPatient notYours) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient.");
		}
		redirect.addFlashAttribute("flash", messages.getMessage("programs.lesson-order.plan-saved",
				new Object[] { listed.size() }, locale));
		return "redirect:/patients/" + patientId;
	}

	private String order(Model model, List<LessonOrder.Row> rows, String whose, String action, String back,
			@Nullable String error) {
		model.addAttribute("rows", rows);
		model.addAttribute("whose", whose);
		model.addAttribute("action", action);
		model.addAttribute("back", back);
		model.addAttribute("error", error);
		model.addAttribute("prefix", LessonOrder.PREFIX);
		return "programs/lesson-order";
	}

	private String form(Model model, LessonForm form, @Nullable String slug, Map<String, String> errors) {
		model.addAttribute("form", form);
		model.addAttribute("slug", slug);
		model.addAttribute("errors", errors);
		return "programs/lesson-form";
	}

	private Lesson find(String slug, Locale locale) {
		return lessons.find(slug, locale).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
				messages.getMessage("programs.lessons.no-such-lesson", null, locale)));
	}

	/** The clinic's own lesson; Stride's are not the clinic's to edit (a copy is). */
	private Lesson custom(String slug, Locale locale) {
		return lessons.find(slug, locale).filter(Lesson::custom).orElseThrow(() -> new ResponseStatusException(
				HttpStatus.NOT_FOUND, messages.getMessage("programs.lessons.no-such-lesson", null, locale)));
	}

	private ProgramTemplate template(UUID id) {
		return templates.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such template."));
	}

	/** The patient, if they are the therapist's (the opening is audited); for anyone else they do not exist. */
	private PatientRecord open(UUID patientId) {
		var record = patients.open(new PatientId(patientId), CurrentUser.require())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient."));
		if (record.careTeam() == null || !record.careTeam().isTherapist(CurrentUser.require().username())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient.");
		}
		return record;
	}
}
