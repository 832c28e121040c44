package health.stride.careteams.web;

import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.careteams.internal.PatientChart;
import health.stride.careteams.internal.ScreeningViews;
import health.stride.patients.PatientId;
import health.stride.patients.Screenings;
import health.stride.platform.security.CurrentUser;

/** From the chart's mood panel: a therapist of the care team reviews an urgent screening answer with a note. */
@Controller
@PreAuthorize("hasRole('THERAPIST')")
class MoodController {

	private final PatientChart charts;
	private final ScreeningViews screenings;
	private final MessageSource messages;

	MoodController(PatientChart charts, ScreeningViews screenings, MessageSource messages) {
		this.charts = charts;
		this.screenings = screenings;
		this.messages = messages;
	}

	@PostMapping("/patients/{patientId}/screenings/{screeningId}/review")
	String review(@PathVariable UUID patientId, @PathVariable UUID screeningId,
			@RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {

		var reader = CurrentUser.require();
		var record = charts.open(new PatientId(patientId), reader)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient."));
		var text = note.strip();
		String outcome;
		if (text.isEmpty() || text.length() > Screenings.MAX_NOTE || text.indexOf('\0') >= 0) {
			outcome = "careteams.mood.flash.note";
		} else if (screenings.review(record, reader, screeningId, text)) {
			outcome = "careteams.mood.flash.reviewed";
		} else {
			outcome = "careteams.mood.flash.reviewed-already";
		}
		redirect.addFlashAttribute("flash",
				messages.getMessage(outcome, new Object[] { Screenings.MAX_NOTE }, LocaleContextHolder.getLocale()));
		return "redirect:/patients/" + patientId + "#mood";
	}
}
