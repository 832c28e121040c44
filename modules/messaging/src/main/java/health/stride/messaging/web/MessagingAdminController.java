package health.stride.messaging.web;

import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.messaging.internal.QuickReplies;
import health.stride.messaging.internal.ResponseTimes;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;

/** The clinic's saved replies, and for its administrators how quickly clinicians answer. */
@Controller
class MessagingAdminController {

	private final QuickReplies quickReplies;
	private final ResponseTimes responseTimes;
	private final MessageSource messages;

	MessagingAdminController(QuickReplies quickReplies, ResponseTimes responseTimes, MessageSource messages) {
		this.quickReplies = quickReplies;
		this.responseTimes = responseTimes;
		this.messages = messages;
	}

	/** A saved reply as typed; {@link QuickReplies#add} checks it. */
	record ReplyForm(String title, String body) {

		ReplyForm {
			title = title == null ? "" : title;
			body = body == null ? "" : body;
		}
	}

	@GetMapping("/messages/quick-replies")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String quickReplies(Model model) {
		model.addAttribute("reply", new ReplyForm("", ""));
		return page(model);
	}

	@PostMapping("/messages/quick-replies")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String add(@ModelAttribute("reply") ReplyForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		try {
			var reply = quickReplies.add(form.title(), form.body(), CurrentUser.require().username());
			redirect.addFlashAttribute("flash", text("messaging.quick-replies.saved", reply.title()));
			return "redirect:/messages/quick-replies";
		} catch (InvalidInput invalid) {
			invalid.problems().forEach((field, problem) -> result.rejectValue(field, codeOf(problem),
					problem.getArguments(), null));
			return page(model);
		}
	}

	@PostMapping("/messages/quick-replies/{id}/removal")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String remove(@PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", text(quickReplies.remove(id) ? "messaging.quick-replies.removed"
				: "messaging.quick-replies.removed-already"));
		return "redirect:/messages/quick-replies";
	}

	private String page(Model model) {
		model.addAttribute("replies", quickReplies.all());
		return "messaging/quick-replies";
	}

	record Row(String clinician, int replies, String median, String p90) {}

	@GetMapping("/admin/messaging")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String responseTimes(Model model) {
		var locale = LocaleContextHolder.getLocale();
		model.addAttribute("rows", responseTimes.lastThirtyDays().stream().map(it -> new Row(it.clinician(), it.replies(),
				messages.getMessage(ResponseTimes.words(it.median()), locale),
				messages.getMessage(ResponseTimes.words(it.p90()), locale))).toList());
		return "messaging/response-times";
	}

	private String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	private static String codeOf(org.springframework.context.MessageSourceResolvable problem) {
		var codes = problem.getCodes();
		return codes == null || codes.length == 0 ? "invalid" : codes[0];
	}
}
