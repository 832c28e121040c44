package health.stride.messaging.web;

import java.util.Arrays;
import java.util.List;

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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.messaging.internal.ExerciseReminders;
import health.stride.messaging.internal.PushSubscriptions;
import health.stride.messaging.internal.ReminderSetting;
import health.stride.messaging.internal.ReminderSettings;
import health.stride.messaging.internal.WebPush;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;
import health.stride.programs.Plan;
import health.stride.programs.Plans;

/**
 * The patient's exercise reminders: when and how Stride reminds them, the browsers that may show
 * them, and the words such a browser shows (its service worker fetches them when a push wakes it).
 */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class ReminderController {

	/** The reminder form as typed; {@link ReminderSettings#save} checks it. */
	record ReminderForm(@Nullable String enabled, @Nullable String at, @Nullable List<String> days,
			@Nullable String quietFrom, @Nullable String quietUntil, @Nullable String email, @Nullable String push) {

		static ReminderForm of(ReminderSetting setting) {
			return new ReminderForm(setting.enabled() ? "true" : null, setting.at().toString(),
					setting.days().stream().sorted().map(Enum::name).toList(), setting.quietFrom().toString(),
					setting.quietUntil().toString(), setting.email() ? "true" : null, setting.push() ? "true" : null);
		}

		public boolean has(String day) {
			return days != null && days.contains(day);
		}

		ReminderSettings.Input input() {
			return new ReminderSettings.Input(enabled, at, days, quietFrom, quietUntil, email, push);
		}
	}

	private final ReminderSettings settings;
	private final PushSubscriptions subscriptions;
	private final ExerciseReminders reminders;
	private final WebPush push;
	private final PatientDirectory patients;
	private final Plans plans;
	private final MessageSource messages;

	ReminderController(ReminderSettings settings, PushSubscriptions subscriptions, ExerciseReminders reminders,
			WebPush push, PatientDirectory patients, Plans plans, MessageSource messages) {
		this.settings = settings;
		this.subscriptions = subscriptions;
		this.reminders = reminders;
		this.push = push;
		this.patients = patients;
		this.plans = plans;
		this.messages = messages;
	}

	@InitBinder
	void fields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	@GetMapping("/portal/reminders")
	String page(Model model) {
		var me = me();
		model.addAttribute("reminders", ReminderForm.of(settings.of(me)));
		return page(me, model);
	}

	@PostMapping("/portal/reminders")
	String save(@ModelAttribute("reminders") ReminderForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		var me = me();
		try {
			var saved = settings.save(me, form.input(), LocaleContextHolder.getLocale());
			redirect.addFlashAttribute("flash", text(saved.enabled() ? "messaging.reminders.saved.on"
					: "messaging.reminders.saved.off"));
			return "redirect:/portal/reminders";
		} catch (InvalidInput invalid) {
			invalid.copyTo(result);
			return page(me, model);
		}
	}

	/** The browser subscribed with its push service: it may now show reminders. */
	@PostMapping("/portal/reminders/devices")
	String addDevice(@RequestParam(defaultValue = "") String endpoint, RedirectAttributes redirect) {
		try {
			subscriptions.add(me(), endpoint);
			redirect.addFlashAttribute("flash", text("messaging.reminders.push.added"));
		} catch (InvalidInput invalid) {
			redirect.addFlashAttribute("flash", text("messaging.reminders.push.error.endpoint"));
		}
		return "redirect:/portal/reminders";
	}

	@PostMapping("/portal/reminders/devices/removal")
	String removeDevices(RedirectAttributes redirect) {
		subscriptions.removeAll(me());
		redirect.addFlashAttribute("flash", text("messaging.reminders.push.removed"));
		return "redirect:/portal/reminders";
	}

	/** What a woken browser shows: the clinic and the time for exercise, in the patient's language. */
	@GetMapping(path = "/portal/reminders/notification", produces = "application/json")
	@ResponseBody
	ExerciseReminders.Notification notification() {
		me();
		return reminders.notification(LocaleContextHolder.getLocale());
	}

	private String page(PatientId me, Model model) {
		model.addAttribute("weekdays", Arrays.stream(java.time.DayOfWeek.values()).map(Enum::name).toList());
		model.addAttribute("daysPerWeek", plans.of(me).map(Plan::daysPerWeek).orElse(0));
		model.addAttribute("pushKey", push.publicKey());
		model.addAttribute("notification", reminders.notification(LocaleContextHolder.getLocale()));
		model.addAttribute("devices", push.configured() ? subscriptions.count(me) : 0);
		return "messaging/reminders";
	}

	private PatientId me() {
		return patients.findByUsername(CurrentUser.require().username())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No patient record.")).id();
	}

	private String text(String code) {
		return messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}
}
