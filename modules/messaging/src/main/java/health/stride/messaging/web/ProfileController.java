package health.stride.messaging.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.messaging.EmailNotices;
import health.stride.platform.security.CurrentUser;

/** The patient's profile: whether Stride emails them when a message waits. */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class ProfileController {

	private final EmailNotices notices;

	ProfileController(EmailNotices notices) {
		this.notices = notices;
	}

	@GetMapping("/portal/profile")
	String profile(Model model) {
		model.addAttribute("emailEnabled", notices.emailEnabled(CurrentUser.require().username()));
		return "messaging/profile";
	}

	@PostMapping("/portal/profile")
	String save(@RequestParam(defaultValue = "false") boolean emailEnabled, RedirectAttributes redirect) {
		notices.setEmailEnabled(CurrentUser.require().username(), emailEnabled);
		redirect.addFlashAttribute("flash", emailEnabled ? "We will email you when a message waits for you."
				: "We will not email you about messages. You will still see them here.");
		return "redirect:/portal/profile";
	}
}
