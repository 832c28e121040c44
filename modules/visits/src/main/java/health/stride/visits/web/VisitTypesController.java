package health.stride.visits.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.platform.validation.FieldErrors;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.HostKind;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;

/**
 * The clinic administrator's page for the kinds of visit the clinic holds (add, change, retire) and
 * its notice period for changes. A retired kind is no longer offered; visits booked with it keep it.
 */
@Controller
class VisitTypesController {

	private final VisitTypes types;
	private final MessageSource messages;

	VisitTypesController(VisitTypes types, MessageSource messages) {
		this.types = types;
		this.messages = messages;
	}

	/** The notice period as the administrator types it, in whole hours. */
	record NoticeForm(@Nullable String noticePeriod) {}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	@ModelAttribute("holders")
	HostKind[] holders() {
		return HostKind.values();
	}

	@GetMapping("/admin/visit-types")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String list(Model model) {
		model.addAttribute("form", VisitTypeForm.empty());
		model.addAttribute("notice", new NoticeForm(String.valueOf(types.noticePeriod().toHours())));
		return listPage(model);
	}

	@PostMapping("/admin/visit-types")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String add(@ModelAttribute("form") VisitTypeForm form, BindingResult result, Model model, RedirectAttributes redirect) {

		var errors = new FieldErrors();
		var key = form.keyOrFromName();
		if (types.all().stream().anyMatch(it -> it.key().equals(key))) {
			errors.reject("key", "visits.visit-types.key-taken", key);
		}
		var type = form.toType(key, false, errors);
		if (type != null && errors.isEmpty() && saved(type, result)) {
			redirect.addFlashAttribute("flash", text("visits.visit-types.added", type.name(messages, LocaleContextHolder.getLocale())));
			return "redirect:/admin/visit-types";
		}
		errors.copyTo(result);
		model.addAttribute("notice", new NoticeForm(String.valueOf(types.noticePeriod().toHours())));
		return listPage(model);
	}

	@GetMapping("/admin/visit-types/{key}")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String edit(@PathVariable String key, Model model) {
		var type = current(key);
		model.addAttribute("form", VisitTypeForm.of(type));
		return editPage(type, model);
	}

	@PostMapping("/admin/visit-types/{key}")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String change(@PathVariable String key, @ModelAttribute("form") VisitTypeForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {

		var current = current(key);
		var errors = new FieldErrors();
		var type = form.toType(current.key(), VisitType.SEEDED.contains(current.key()), errors);
		if (type != null && saved(type, result)) {
			redirect.addFlashAttribute("flash", text("visits.visit-types.saved", type.name(messages, LocaleContextHolder.getLocale())));
			return "redirect:/admin/visit-types";
		}
		errors.copyTo(result);
		return editPage(current, model);
	}

	@PostMapping("/admin/visit-types/{key}/retirement")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String retire(@PathVariable String key, RedirectAttributes redirect) {
		var type = current(key);
		types.retire(type.key());
		redirect.addFlashAttribute("flash", text("visits.visit-types.retired", type.name(messages, LocaleContextHolder.getLocale())));
		return "redirect:/admin/visit-types";
	}

	@PostMapping("/admin/notice-period")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String notice(@ModelAttribute("notice") NoticeForm notice, BindingResult result, Model model, RedirectAttributes redirect) {

		var hours = notice.noticePeriod() == null ? "" : notice.noticePeriod().strip();
		if (!hours.matches("\\d{1,4}")) {
			result.rejectValue("noticePeriod", "visits.types.invalid-notice", new Object[] { 0, 14 * 24 }, null);
		} else {
			try {
				types.changeNoticePeriod(Duration.ofHours(Integer.parseInt(hours)));
				redirect.addFlashAttribute("flash", text("visits.visit-types.notice-saved", Integer.parseInt(hours)));
				return "redirect:/admin/visit-types";
			} catch (InvalidInput invalid) {
				invalid.copyTo(result);
			}
		}
		model.addAttribute("form", VisitTypeForm.empty());
		return listPage(model);
	}

	/** Saves the kind, or hands the store's reasons to the page. */
	private boolean saved(VisitType type, BindingResult result) {
		try {
			types.save(type);
			return true;
		} catch (InvalidInput invalid) {
			invalid.copyTo(result);
			return false;
		}
	}

	/** A kind the clinic holds now; a retired or unknown one is not on the page. */
	private VisitType current(String key) {
		return types.all().stream().filter(it -> it.key().equals(key)).findFirst()
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String listPage(Model model) {
		var all = types.all();
		var locale = LocaleContextHolder.getLocale();
		var names = new java.util.LinkedHashMap<String, String>();
		all.forEach(it -> names.put(it.key(), it.name(messages, locale)));
		model.addAttribute("types", all);
		model.addAttribute("names", names);
		return "visits/visit-types";
	}

	private String editPage(VisitType type, Model model) {
		model.addAttribute("type", type);
		model.addAttribute("typeName", type.name(messages, LocaleContextHolder.getLocale()));
		model.addAttribute("seeded", VisitType.SEEDED.contains(type.key()));
		return "visits/visit-type";
	}

	private String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}
}
