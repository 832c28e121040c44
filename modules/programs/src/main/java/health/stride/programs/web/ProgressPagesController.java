package health.stride.programs.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientSummary;
import health.stride.patients.PortalAccess;
import health.stride.programs.Outcomes;
import health.stride.programs.ProgressCharts;
import health.stride.programs.internal.WalkingTargets;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;

/**
 * Progress: the patient's own (pain against their intake, the activities they named, sessions and
 * walking a week, streak, days since a flare), the functional scale rated again every four weeks,
 * and the clinic's outcomes for its administrators, as aggregates only.
 */
@Controller
class ProgressPagesController {

	private final Outcomes outcomes;
	private final PatientDirectory patients;
	private final WalkingTargets walking;
	private final MessageSource messages;

	ProgressPagesController(Outcomes outcomes, PatientDirectory patients, WalkingTargets walking,
			MessageSource messages) {
		this.outcomes = outcomes;
		this.patients = patients;
		this.walking = walking;
		this.messages = messages;
	}

	@GetMapping("/portal/progress")
	@PreAuthorize("hasRole('PATIENT')")
	String progress(Model model) {
		var me = me();
		if (me.isEmpty()) {
			return "redirect:/portal";
		}
		var zone = ZoneId.of(me.get().timeZone());
		var mine = outcomes.of(me.get().id(), zone);
		model.addAttribute("outcomes", mine);
		var locale = LocaleContextHolder.getLocale();
		model.addAttribute("painChart", ProgressCharts.pain(mine.pain(), messages, locale));
		model.addAttribute("psfsChart", ProgressCharts.psfs(mine.psfs(), messages, locale));
		model.addAttribute("sessionChart", ProgressCharts.sessions(mine.weeks(), messages, locale));
		model.addAttribute("walking", walking.today(me.get().id(), zone).orElse(null));
		model.addAttribute("readOnly", !patients.portalAccess(me.get().id()).isOpen());
		var day = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
				.withLocale(locale).withZone(zone);
		// each episode of care on its own, once there is more than the one going on
		var episodes = outcomes.byEpisode(me.get().id());
		model.addAttribute("episodes", episodes.size() > 1 || episodes.stream().anyMatch(it -> it.closedAt() != null)
				? episodes.stream().map(it -> new EpisodeRow(it, day.format(it.openedAt()),
						it.closedAt() == null ? null : day.format(it.closedAt()))).toList()
				: List.of());
		return "programs/progress";
	}

	/** One episode of care with its outcomes, its dates in the patient's zone and language. */
	record EpisodeRow(Outcomes.EpisodeOutcomes outcomes, String opened, @Nullable String closed) {}

	@GetMapping("/portal/psfs")
	@PreAuthorize("hasRole('PATIENT')")
	String psfs(Model model) {
		var me = me();
		if (me.isEmpty()) {
			return "redirect:/portal";
		}
		return psfsPage(model, me.get(), List.of(), Map.of());
	}

	@PostMapping("/portal/psfs")
	@PreAuthorize("hasRole('PATIENT')")
	String ratePsfs(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
		var me = me();
		if (me.isEmpty()) {
			return "redirect:/portal";
		}
		var scores = new ArrayList<@Nullable Integer>();
		for (int i = 0; i < 5; i++) {
			var value = form.getFirst("scores[" + i + "]");
			scores.add(value == null || !value.matches("\\d{1,2}") ? null : Integer.valueOf(value));
		}
		try {
			var mean = outcomes.ratePsfs(me.get().id(), scores);
			var locale = LocaleContextHolder.getLocale();
			var average = java.text.NumberFormat.getNumberInstance(locale);
			average.setMinimumFractionDigits(1);
			average.setMaximumFractionDigits(1);
			redirect.addFlashAttribute("flash",
					messages.getMessage("programs.psfs.saved", new Object[] { average.format(mean) }, locale));
			return "redirect:/portal/progress";
		} catch (PortalAccess.ReadOnly readOnly) {
			return "redirect:/portal"; // the portal home says why and how to reach the clinic
		} catch (InvalidInput invalid) {
			return psfsPage(model, me.get(), scores, PageErrors.of(invalid, messages, LocaleContextHolder.getLocale()));
		}
	}

	record Activity(int index, String name, @Nullable Integer score, @Nullable String error) {}

	private String psfsPage(Model model, PatientSummary me, List<@Nullable Integer> scores, Map<String, String> errors) {
		var activities = outcomes.psfsActivities(me.id());
		var rows = new ArrayList<Activity>();
		for (int i = 0; i < activities.size(); i++) {
			rows.add(new Activity(i, activities.get(i), i < scores.size() ? scores.get(i) : null,
					errors.get("scores[" + i + "]")));
		}
		model.addAttribute("activities", rows);
		model.addAttribute("errors", errors);
		return "programs/psfs";
	}

	@GetMapping("/admin/outcomes")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String clinic(Model model) {
		model.addAttribute("clinic", outcomes.clinic());
		model.addAttribute("smallest", Outcomes.SMALLEST_GROUP);
		return "programs/clinic-outcomes";
	}

	private Optional<PatientSummary> me() {
		return patients.findByUsername(CurrentUser.require().username());
	}
}
