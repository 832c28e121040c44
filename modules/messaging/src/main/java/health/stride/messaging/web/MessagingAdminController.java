package health.stride.messaging.web;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.messaging.QuickReplies;
import health.stride.messaging.ResponseTimes;
import health.stride.patients.FieldErrors;
import health.stride.platform.security.CurrentUser;

/** The clinic's saved replies, and for its administrators how quickly clinicians answer. */
@Controller
class MessagingAdminController {

	private final QuickReplies quickReplies;
	private final ResponseTimes responseTimes;

	MessagingAdminController(QuickReplies quickReplies, ResponseTimes responseTimes) {
		this.quickReplies = quickReplies;
		this.responseTimes = responseTimes;
	}

	@GetMapping("/messages/quick-replies")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String quickReplies(Model model) {
		return page(model, "", "", java.util.Map.of());
	}

	@PostMapping("/messages/quick-replies")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String add(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String body, Model model,
			RedirectAttributes redirect) {
		try {
			var reply = quickReplies.add(title, body, CurrentUser.require().username());
			redirect.addFlashAttribute("flash", "Saved the reply “" + reply.title() + "”.");
			return "redirect:/messages/quick-replies";
		} catch (FieldErrors.Invalid invalid) {
			return page(model, title, body, invalid.errors());
		}
	}

	@PostMapping("/messages/quick-replies/{id}/removal")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String remove(@PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", quickReplies.remove(id) ? "Removed the reply." : "That reply was removed already.");
		return "redirect:/messages/quick-replies";
	}

	private String page(Model model, String title, String body, java.util.Map<String, String> errors) {
		model.addAttribute("replies", quickReplies.all());
		model.addAttribute("title", title);
		model.addAttribute("body", body);
		model.addAttribute("errors", errors);
		return "messaging/quick-replies";
	}

	record Row(String clinician, int replies, String median, String p90) {}

	@GetMapping("/admin/messaging")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String responseTimes(Model model) {
		model.addAttribute("rows", responseTimes.lastThirtyDays().stream().map(it -> new Row(it.clinician(), it.replies(),
				ResponseTimes.words(it.median()), ResponseTimes.words(it.p90()))).toList());
		return "messaging/response-times";
	}
}
