package health.stride.messaging.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import health.stride.messaging.internal.EmailNotices;
import health.stride.patients.PatientDirectory;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.CurrentUser;

/** The patient's profile: the language Stride speaks to them in, and whether it emails them when a message waits. */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class ProfileController {

	private final EmailNotices notices;
	private final PatientDirectory patients;
	private final MessageSource messages;
	private final LocaleResolver locales;

	ProfileController(EmailNotices notices, PatientDirectory patients, MessageSource messages, LocaleResolver locales) {
		this.locales = locales;
		this.notices = notices;
		this.patients = patients;
		this.messages = messages;
	}

	@GetMapping("/portal/profile")
	String profile(Model model) {
		var username = CurrentUser.require().username();
		model.addAttribute("emailEnabled", notices.emailEnabled(username));
		model.addAttribute("language", patients.languageOfUser(username).orElse(Language.ENGLISH));
		model.addAttribute("languages", Language.values());
		return "messaging/profile";
	}

	@PostMapping("/portal/profile")
	String save(@RequestParam(defaultValue = "false") boolean emailEnabled,
			@RequestParam(defaultValue = "") String language, RedirectAttributes redirect, HttpServletRequest request,
			HttpServletResponse response) {
		var username = CurrentUser.require().username();
		var me = patients.findByUsername(username)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No patient record."));
		notices.setEmailEnabled(username, emailEnabled);
		// an unknown language keeps the one they had: the form only offers the ones Stride speaks
		var chosen = Language.ofTag(language);
		chosen.ifPresent(it -> {
			patients.changeLanguage(me.id(), it);
			// the pages of this session follow at once, not only the next sign-in
			locales.setLocale(request, response, it.locale());
		});
		var locale = chosen.map(Language::locale).orElseGet(LocaleContextHolder::getLocale);
		redirect.addFlashAttribute("flash", messages.getMessage(emailEnabled ? "messaging.profile.saved.emails-on"
				: "messaging.profile.saved.emails-off", null, locale));
		return "redirect:/portal/profile";
	}
}
