package health.stride.visits.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.validation.FieldErrors;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;

/**
 * A clinician's availability page: their time zone, usual week, dates that differ, buffer and daily
 * limit, with the next open times it leaves. Therapists and coaches edit their own; the clinic's
 * administrators edit anyone's (another clinician's page is not found for a clinician).
 */
@Controller
class AvailabilityController {

	/** The zones offered first: the United States', then a few others patients and clinicians live in. */
	static final List<String> ZONES = List.of("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
			"America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "America/Toronto",
			"America/Mexico_City", "Europe/London", "Europe/Madrid", "UTC");

	static final int PREVIEW_SLOTS = 8;
	static final Duration PREVIEW_DAYS = Duration.ofDays(14);

	private final Hosts hosts;
	private final Schedules schedules;
	private final VisitTypes types;
	private final MessageSource messages;
	private final Clock clock;

	AvailabilityController(Hosts hosts, Schedules schedules, VisitTypes types, MessageSource messages, Clock clock) {
		this.hosts = hosts;
		this.schedules = schedules;
		this.types = types;
		this.messages = messages;
		this.clock = clock;
	}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	/** The signed-in clinician's own page; an administrator's goes to the clinician chosen, or the first. */
	@GetMapping("/availability")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String mine(@RequestParam(required = false) @Nullable UUID clinician) {
		var user = CurrentUser.require();
		if (!user.has(Role.CLINIC_ADMIN)) {
			return hosts.findByUsername(user.username()).filter(Host::active)
					.map(it -> "redirect:/availability/" + it.id()).orElseThrow(AvailabilityController::notFound);
		}
		if (clinician != null) {
			return "redirect:/availability/" + clinician;
		}
		return hosts.active().stream().findFirst().map(it -> "redirect:/availability/" + it.id())
				.orElse("visits/availability-none");
	}

	@GetMapping("/availability/{clinicianId}")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String show(@PathVariable UUID clinicianId, Model model) {
		var host = editable(clinicianId);
		model.addAttribute("form", AvailabilityForm.of(schedules.of(host.id())));
		return page(host, model, null);
	}

	@PostMapping("/availability/{clinicianId}")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	String change(@PathVariable UUID clinicianId, @ModelAttribute("form") AvailabilityForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {

		var host = editable(clinicianId);
		var errors = new FieldErrors();
		var availability = form.toAvailability(errors);
		if (availability != null) {
			try {
				schedules.change(host.id(), availability);
				redirect.addFlashAttribute("flash", messages.getMessage("visits.availability.saved", null,
						LocaleContextHolder.getLocale()));
				return "redirect:/availability/" + host.id();
			} catch (InvalidInput invalid) {
				invalid.copyTo(result);
			}
		}
		errors.copyTo(result);
		return page(host, model, result);
	}

	/** The clinician, if the signed-in user may edit their availability: their own, or any for an administrator. */
	private Host editable(UUID clinicianId) {
		StrideUser user = CurrentUser.require();
		return hosts.find(clinicianId).filter(Host::active)
				.filter(it -> user.has(Role.CLINIC_ADMIN) || it.username().equals(user.username()))
				.orElseThrow(AvailabilityController::notFound);
	}

	private String page(Host host, Model model, @Nullable BindingResult result) {
		var user = CurrentUser.require();
		// the rows' fields that are wrong, and the rows that hold one, for the page to mark them
		var wrong = new java.util.HashSet<String>();
		if (result != null) {
			result.getFieldErrors().forEach(it -> {
				wrong.add(it.getField());
				if (it.getField().contains("].")) {
					wrong.add(it.getField().substring(0, it.getField().indexOf("].") + 1));
				}
			});
		}
		model.addAttribute("wrong", wrong);
		var locale = LocaleContextHolder.getLocale();
		model.addAttribute("host", host);
		model.addAttribute("own", host.username().equals(user.username()));
		model.addAttribute("clinicians", user.has(Role.CLINIC_ADMIN) ? hosts.active() : List.of());
		model.addAttribute("weekdays", DayOfWeek.values());
		model.addAttribute("zones", zones(host.zone()));

		var preview = previewType(host);
		model.addAttribute("previewType", preview.map(it -> it.name(messages, locale)).orElse(null));
		model.addAttribute("previewMinutes", preview.map(VisitType::minutes).orElse(0));
		var format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
				.withZone(host.zone());
		var dayFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).withZone(host.zone());
		var timeFormat = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(host.zone());
		var now = clock.instant();
		List<Slot> slots = preview.map(type -> schedules.openSlots(host.id(), type, now, now.plus(PREVIEW_DAYS), now))
				.orElse(List.of());
		model.addAttribute("preview", slots.stream().limit(PREVIEW_SLOTS)
				.map(it -> new Shown(dayFormat.format(it.startsAt()), timeFormat.format(it.startsAt()),
						timeFormat.format(it.endsAt()), format.format(it.startsAt())))
				.toList());
		return "visits/availability";
	}

	/** An open time as the page shows it. */
	record Shown(String day, String starts, String ends, String full) {}

	/** A follow-up for a therapist, else the first kind the clinician holds. */
	private Optional<VisitType> previewType(Host host) {
		var held = types.all().stream().filter(it -> it.heldBy() == host.kind()).toList();
		return held.stream().filter(it -> it.key().equals("follow-up")).findFirst().or(() -> held.stream().findFirst());
	}

	private static List<String> zones(ZoneId current) {
		return ZONES.contains(current.getId()) ? ZONES : Stream.concat(ZONES.stream(), Stream.of(current.getId())).toList();
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}
}
