package health.stride.patients.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.Instrument;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PortalAccess;
import health.stride.patients.Screenings;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;

/**
 * The patient's mood check-in: one questionnaire per page, whichever is due, the PHQ-9 at once after
 * a positive PHQ-2; and the crisis lines, shown at once after an urgent answer. Only a questionnaire
 * that is due is taken, so sending the same page twice stores it once.
 */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class ScreeningPagesController {

	/** The order questionnaires are asked in when several are due. */
	static final List<Instrument> ORDER = List.of(Instrument.PHQ9, Instrument.PHQ2, Instrument.GAD7);

	private final PatientDirectory directory;
	private final Screenings screenings;
	private final MessageSource messages;

	ScreeningPagesController(PatientDirectory directory, Screenings screenings, MessageSource messages) {
		this.directory = directory;
		this.screenings = screenings;
		this.messages = messages;
	}

	@GetMapping("/portal/check-in")
	String checkIn(Model model) {
		var next = next(screenings.due(me()));
		if (next == null) {
			return "redirect:/portal";
		}
		return page(model, next, new org.springframework.util.LinkedMultiValueMap<>(), new FieldErrors());
	}

	@PostMapping("/portal/check-in")
	String answer(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {

		var patient = me();
		var due = screenings.due(patient);
		var instrument = Instrument.parse(String.valueOf(form.getFirst("instrument"))).filter(due::contains).orElse(null);
		if (instrument == null) {
			// answered already (a second click, another tab) or nothing due: show what is due now
			return "redirect:/portal/check-in";
		}
		var errors = new FieldErrors();
		var answers = ScreeningInput.answers(instrument, form::getFirst, errors);
		if (answers == null) {
			return page(model, instrument, form, errors);
		}
		try {
			var screening = screenings.answerIfDue(patient, instrument, answers);
			if (screening.isEmpty()) { // answered meanwhile (a double click, another tab): nothing stored twice
				return "redirect:/portal/check-in";
			}
			if (screening.get().urgent()) {
				return "redirect:/portal/check-in/support";
			}
		} catch (PortalAccess.ReadOnly readOnly) {
			return "redirect:/portal";
		}
		if (next(screenings.due(patient)) != null) {
			return "redirect:/portal/check-in";
		}
		redirect.addFlashAttribute("flash", messages.getMessage("patients.screening.thanks", null,
				LocaleContextHolder.getLocale()));
		return "redirect:/portal";
	}

	/** The crisis lines: after an urgent answer, and for anyone who looks for them again. */
	@GetMapping("/portal/check-in/support")
	String support() {
		return "patients/crisis";
	}

	private String page(Model model, Instrument instrument, MultiValueMap<String, String> form, FieldErrors errors) {
		var locale = LocaleContextHolder.getLocale();
		var shown = new LinkedHashMap<String, String>();
		errors.asMap().forEach((field, problem) -> shown.put(field, messages.getMessage(problem, locale)));
		model.addAttribute("instrument", instrument);
		model.addAttribute("items", IntStream.rangeClosed(1, instrument.items()).boxed().toList());
		model.addAttribute("choices", IntStream.rangeClosed(0, Instrument.MOST).boxed().toList());
		model.addAttribute("form", form);
		model.addAttribute("errors", shown);
		return "patients/check-in";
	}

	private static @Nullable Instrument next(Set<Instrument> due) {
		return ORDER.stream().filter(due::contains).findFirst().orElse(null);
	}

	private PatientId me() {
		return directory.findByUsername(CurrentUser.require().username())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
						messages.getMessage("patients.api.no-record", null, LocaleContextHolder.getLocale())))
				.id();
	}
}
