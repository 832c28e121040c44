package health.stride.careteams.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.careteams.internal.EpisodeViews;
import health.stride.careteams.internal.PatientChart;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episode;
import health.stride.patients.Episodes;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;

/**
 * Discharge and return from the chart: the therapist of record discharges with a reason and a short
 * summary (the form is its own page, the confirm step), and reactivates a discharged patient; anyone
 * who may open the chart reads each episode's discharge summary, made to be printed. For anyone else
 * the patient does not exist; every opening of the record is audited by the patients module.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
class EpisodeController {

	private final PatientChart charts;
	private final EpisodeViews views;
	private final Episodes episodes;
	private final MessageSource messages;

	EpisodeController(PatientChart charts, EpisodeViews views, Episodes episodes, MessageSource messages) {
		this.charts = charts;
		this.views = views;
		this.episodes = episodes;
		this.messages = messages;
	}

	/** What the discharge form sends; the reason arrives as its code, checked by {@link Episodes.Discharge#of}. */
	record DischargeForm(@Nullable String reason, @Nullable String summary) {}

	@InitBinder
	void allowOnlyTheFormFields(WebDataBinder binder) {
		binder.setAllowedFields("reason", "summary");
	}

	@GetMapping("/patients/{patientId}/discharge")
	@PreAuthorize("hasRole('THERAPIST')")
	String dischargeForm(@PathVariable UUID patientId, Model model) {
		var record = mine(patientId);
		return form(model, record, new DischargeForm(null, null), java.util.Map.of());
	}

	@PostMapping("/patients/{patientId}/discharge")
	@PreAuthorize("hasRole('THERAPIST')")
	String discharge(@PathVariable UUID patientId, @ModelAttribute("form") DischargeForm form, Model model,
			RedirectAttributes redirect) {

		var record = mine(patientId);
		var reason = java.util.Arrays.stream(DischargeReason.values()).filter(it -> it.name().equals(form.reason()))
				.findFirst().orElse(null);
		Episode ended;
		try {
			ended = episodes.discharge(record.id(), Episodes.Discharge.of(reason, form.summary()), CurrentUser.require());
		} catch (InvalidInput invalid) {
			return form(model, record, form, invalid.problems());
		} catch (Episodes.NoSuchPatient unknown) {
			throw noSuchPatient();
		} catch (Episodes.AlreadyDischarged already) {
			flash(redirect, "careteams.episode.flash.already");
			return "redirect:/patients/" + patientId + "/episodes/" + already.episode().number();
		}
		flash(redirect, "careteams.episode.flash.discharged");
		return "redirect:/patients/" + patientId + "/episodes/" + ended.number();
	}

	@PostMapping("/patients/{patientId}/reactivation")
	@PreAuthorize("hasRole('THERAPIST')")
	String reactivate(@PathVariable UUID patientId, RedirectAttributes redirect) {
		var record = mine(patientId);
		try {
			var opened = episodes.reactivate(record.id(), CurrentUser.require());
			flash(redirect, "careteams.episode.flash.reactivated", opened.number());
		} catch (Episodes.NoSuchPatient unknown) {
			throw noSuchPatient();
		} catch (Episodes.NotDischarged open) {
			flash(redirect, "careteams.episode.flash.open-already");
		}
		return "redirect:/patients/" + patientId;
	}

	@GetMapping("/patients/{patientId}/episodes/{number}")
	String summary(@PathVariable UUID patientId, @PathVariable int number, Model model) {
		var reader = CurrentUser.require();
		var record = charts.open(new PatientId(patientId), reader).orElseThrow(EpisodeController::noSuchPatient);
		var episode = views.episode(record, number, reader, LocaleContextHolder.getLocale())
				.orElseThrow(EpisodeController::noSuchPatient);
		model.addAttribute("patient", record);
		model.addAttribute("episode", episode);
		return "careteams/episode";
	}

	private String form(Model model, PatientRecord record, DischargeForm form,
			java.util.Map<String, org.springframework.context.MessageSourceResolvable> errors) {
		var locale = LocaleContextHolder.getLocale();
		var shown = new java.util.LinkedHashMap<String, String>();
		errors.forEach((field, problem) -> shown.put(field, messages.getMessage(problem, locale)));
		model.addAttribute("patient", record);
		model.addAttribute("form", form);
		model.addAttribute("errors", shown);
		model.addAttribute("reasons", DischargeReason.values());
		model.addAttribute("limit", Episode.SUMMARY_LIMIT);
		return "careteams/discharge";
	}

	/** The record, if the signed-in therapist is the patient's therapist of record. */
	private PatientRecord mine(UUID patientId) {
		var reader = CurrentUser.require();
		return charts.open(new PatientId(patientId), reader).filter(it -> it.careTeam() != null
				&& java.util.Objects.requireNonNull(it.careTeam()).isTherapist(reader.username()))
				.orElseThrow(EpisodeController::noSuchPatient);
	}

	private void flash(RedirectAttributes redirect, String code, Object... arguments) {
		redirect.addFlashAttribute("flash", messages.getMessage(code, arguments, LocaleContextHolder.getLocale()));
	}

	private static ResponseStatusException noSuchPatient() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient.");
	}
}
