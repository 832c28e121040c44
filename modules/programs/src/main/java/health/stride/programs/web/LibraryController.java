package health.stride.programs.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.platform.validation.FieldErrors;
import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.platform.security.CurrentUser;

/** The exercise library for the clinic's staff: a searchable page, one page per exercise, and the API. */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
class LibraryController {

	private final ExerciseLibrary library;
	private final MessageSource messages;

	LibraryController(ExerciseLibrary library, MessageSource messages) {
		this.library = library;
		this.messages = messages;
	}

	@GetMapping("/library")
	String library(@RequestParam(required = false) @Nullable String region,
			@RequestParam(required = false) @Nullable String tag, @RequestParam(required = false) @Nullable String q,
			Model model) {
		var filter = new ExerciseLibrary.Filter(region, tag, q);
		model.addAttribute("exercises", library.search(filter, LocaleContextHolder.getLocale()));
		model.addAttribute("regions", library.regions());
		model.addAttribute("tags", library.tags());
		model.addAttribute("filter", filter);
		return "programs/library";
	}

	@GetMapping("/library/{slug}")
	String exercise(@PathVariable String slug, Model model) {
		var locale = LocaleContextHolder.getLocale();
		var exercise = library.find(slug, locale)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, text("programs.library.no-such-exercise")));
		model.addAttribute("exercise", exercise);
		model.addAttribute("easier",
				exercise.regression() == null ? null : library.find(exercise.regression(), locale).orElse(null));
		model.addAttribute("harder",
				exercise.progression() == null ? null : library.find(exercise.progression(), locale).orElse(null));
		return "programs/exercise";
	}

	@GetMapping("/library/new")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String newExercise(Model model) {
		return form(model, new ExerciseForm(), null, new FieldErrors());
	}

	@PostMapping("/library/new")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String add(@ModelAttribute ExerciseForm form, Model model, Locale locale, RedirectAttributes redirect) {
		var errors = new FieldErrors();
		var exercise = form.exercise(errors);
		if (exercise == null) {
			return form(model, form, null, errors);
		}
		try {
			var added = library.addCustom(exercise, CurrentUser.require().username());
			redirect.addFlashAttribute("flash", text("programs.library.added", added.name()));
			return "redirect:/library/" + added.slug();
		} catch (ExerciseLibrary.NameTaken | IllegalArgumentException invalid) {
			if (invalid instanceof ExerciseLibrary.NameTaken) {
				errors.reject("name", "programs.library.name-taken", exercise.name());
			} else {
				errors.reject("regression", "programs.library.alternatives");
			}
			return form(model, form, null, errors);
		}
	}

	@GetMapping("/library/{slug}/edit")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String edit(@PathVariable String slug, Model model) {
		return form(model, ExerciseForm.of(custom(slug)), slug, new FieldErrors());
	}

	@PostMapping("/library/{slug}/edit")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String update(@PathVariable String slug, @ModelAttribute ExerciseForm form, Model model, Locale locale,
			RedirectAttributes redirect) {
		custom(slug);
		var errors = new FieldErrors();
		var exercise = form.exercise(errors);
		if (exercise == null) {
			return form(model, form, slug, errors);
		}
		try {
			library.updateCustom(slug, exercise);
			redirect.addFlashAttribute("flash", text("programs.library.saved", exercise.name()));
			return "redirect:/library/" + slug;
		} catch (ExerciseLibrary.NameTaken | IllegalArgumentException invalid) {
			if (invalid instanceof ExerciseLibrary.NameTaken) {
				errors.reject("name", "programs.library.name-taken", exercise.name());
			} else {
				errors.reject("regression", "programs.library.alternatives");
			}
			return form(model, form, slug, errors);
		}
	}

	/** The clinic's own exercise; the shared library's are not the clinic's to edit. */
	private Exercise custom(String slug) {
		return library.find(slug).filter(Exercise::custom)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, text("programs.library.no-such-exercise")));
	}

	private String form(Model model, ExerciseForm form, @Nullable String slug, FieldErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("slug", slug);
		var words = words(errors);
		model.addAttribute("errors", words);
		model.addAttribute("dosingErrors", PageErrors.under(words, "dosing."));
		model.addAttribute("regions", ExerciseLibrary.REGIONS);
		model.addAttribute("positions", ExerciseLibrary.POSITIONS);
		model.addAttribute("equipment", ExerciseLibrary.EQUIPMENT);
		model.addAttribute("kinds", ExerciseLibrary.KINDS);
		model.addAttribute("allTags", ExerciseLibrary.CHOSEN_TAGS);
		model.addAttribute("library", library.search(ExerciseLibrary.Filter.none(), LocaleContextHolder.getLocale())
				.stream().filter(it -> !it.slug().equals(slug)).toList());
		return "programs/exercise-form";
	}

	/** The form's problems in the reader's language, by field. */
	private Map<String, String> words(FieldErrors errors) {
		var locale = LocaleContextHolder.getLocale();
		var words = new java.util.LinkedHashMap<String, String>();
		errors.asMap().forEach((field, problem) -> words.put(field, messages.getMessage(problem, locale)));
		return words;
	}

	private String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	record DosingJson(int sets, @Nullable Integer reps, @Nullable Integer durationSeconds, @Nullable Integer holdSeconds,
			String side, int timesPerDay, int daysPerWeek, int restSeconds) {

		static DosingJson of(Dosing dosing) {
			return new DosingJson(dosing.sets(), dosing.reps(), dosing.durationSeconds(), dosing.holdSeconds(),
					dosing.side().name(), dosing.timesPerDay(), dosing.daysPerWeek(), dosing.restSeconds());
		}
	}

	record ExerciseJson(String slug, String name, String region, String position, String equipment, String kind,
			DosingJson dosing, List<String> steps, List<String> safety, List<String> tags, @Nullable String regression,
			@Nullable String progression, boolean custom) {

		static ExerciseJson of(Exercise exercise) {
			return new ExerciseJson(exercise.slug(), exercise.name(), exercise.region(), exercise.position(),
					exercise.equipment(), exercise.kind(), DosingJson.of(exercise.dosing()), exercise.steps(),
					exercise.safety(), exercise.tags().stream().sorted().toList(), exercise.regression(),
					exercise.progression(), exercise.custom());
		}
	}

	@GetMapping("/api/exercises")
	@ResponseBody
	List<ExerciseJson> exercises(@RequestParam(required = false) @Nullable String region,
			@RequestParam(required = false) @Nullable String tag, @RequestParam(required = false) @Nullable String q) {
		return library.search(new ExerciseLibrary.Filter(region, tag, q)).stream().map(ExerciseJson::of).toList();
	}
}
