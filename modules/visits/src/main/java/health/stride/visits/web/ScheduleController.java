package health.stride.visits.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.PatientDirectory;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.VisitNotes;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.internal.Agendas;

/**
 * The clinician's agenda: a day or a week of their visits, in their own time zone, each with the
 * patient's name, a link to the chart, the kind and what became of it. A therapist or coach sees
 * their own; a clinic administrator picks a clinician. A clinician says here that a visit took place.
 */
@Controller
class ScheduleController {

	enum View {
		DAY, WEEK
	}

	/** One visit on the agenda, in the reader's words. */
	record Row(UUID visit, String time, String patient, String patientName, String kind, String status, boolean late,
			boolean mayMarkHeld, boolean room, boolean waiting, boolean mayWriteNote) {}

	/** One day of the agenda. */
	record Day(String heading, boolean today, List<Row> visits) {}

	private final Visits visits;
	private final Hosts hosts;
	private final VisitTypes types;
	private final Agendas agendas;
	private final PatientDirectory patients;
	private final AuditTrail audit;
	private final MessageSource messages;
	private final Clock clock;

	ScheduleController(Visits visits, Hosts hosts, VisitTypes types, Agendas agendas, PatientDirectory patients,
			AuditTrail audit, MessageSource messages, Clock clock) {
		this.visits = visits;
		this.hosts = hosts;
		this.types = types;
		this.agendas = agendas;
		this.patients = patients;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/schedule")
	@PreAuthorize("hasAnyRole('THERAPIST','COACH','CLINIC_ADMIN')")
	String schedule(@RequestParam(required = false) @Nullable String view,
			@RequestParam(required = false) @Nullable String date,
			@RequestParam(required = false) @Nullable String clinician, Model model) {

		var reader = CurrentUser.require();
		var admin = reader.has(Role.CLINIC_ADMIN);
		var host = admin ? chosen(clinician) : hosts.findByUsername(reader.username());
		var shown = "week".equals(view) ? View.WEEK : View.DAY;
		model.addAttribute("view", shown.name().toLowerCase(java.util.Locale.ROOT));
		model.addAttribute("admin", admin);
		if (admin) {
			model.addAttribute("hosts", agendas.hosts());
		}
		if (host.isEmpty()) {
			model.addAttribute("host", null);
			return "visits/schedule";
		}
		var zone = host.get().zone();
		var today = LocalDate.now(clock.withZone(zone));
		var day = parse(date).orElse(today);
		var first = shown == View.WEEK ? day.with(DayOfWeek.MONDAY) : day;
		var length = shown == View.WEEK ? 7 : 1;
		var from = first.atStartOfDay(zone).toInstant();
		var to = first.plusDays(length).atStartOfDay(zone).toInstant();

		var locale = LocaleContextHolder.getLocale();
		var time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone);
		var heading = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
		var now = clock.instant();
		var mine = host.get().username().equals(reader.username());

		var found = visits.ofClinician(host.get().id(), from, to);
		var waiting = agendas.waiting(found.stream().filter(it -> Visits.roomOpen(it, now)).map(Visit::id).toList());
		var days = new ArrayList<Day>();
		for (int i = 0; i < length; i++) {
			var shownDay = first.plusDays(i);
			var rows = found.stream().filter(it -> it.startsAt().atZone(zone).toLocalDate().equals(shownDay))
					.map(it -> row(it, time.format(it.startsAt()), locale,
							mine && (it.isBooked() || it.status() == VisitStatus.MISSED) && !it.startsAt().isAfter(now),
							mine && Visits.roomOpen(it, now), waiting.contains(it.id()),
							mine && it.status() != VisitStatus.CANCELLED && !it.startsAt().minus(VisitNotes.OPENS_BEFORE).isAfter(now)))
					.toList();
			days.add(new Day(heading.format(shownDay), shownDay.equals(today), rows));
		}
		audit.recordListView("schedule", new LinkedHashSet<>(found.stream().map(it -> it.patient().id()).toList()));

		model.addAttribute("host", host.get());
		model.addAttribute("zone", zone.getId());
		model.addAttribute("days", days);
		model.addAttribute("empty", found.isEmpty());
		model.addAttribute("live", mine && !today.isBefore(first) && today.isBefore(first.plusDays(length)));
		model.addAttribute("date", first.toString());
		model.addAttribute("previous", first.minusDays(length).toString());
		model.addAttribute("next", first.plusDays(length).toString());
		model.addAttribute("clinician", host.get().id().toString());
		return "visits/schedule";
	}

	/** The clinician says the visit took place; back to the same day or week. */
	@PostMapping("/schedule/visits/{visitId}/held")
	@PreAuthorize("hasAnyRole('THERAPIST','COACH')")
	String markHeld(@PathVariable UUID visitId, @RequestParam(required = false) @Nullable String view,
			@RequestParam(required = false) @Nullable String date, RedirectAttributes redirect) {
		boolean held;
		try {
			held = agendas.markHeld(CurrentUser.require(), new VisitId(visitId));
		} catch (Visits.NotFound notFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such visit.");
		}
		redirect.addFlashAttribute("flash", messages.getMessage(held ? "visits.schedule.flash.held"
				: "visits.schedule.flash.not-held", null, LocaleContextHolder.getLocale()));
		redirect.addAttribute("view", "week".equals(view) ? "week" : "day");
		parse(date).ifPresent(it -> redirect.addAttribute("date", it.toString()));
		return "redirect:/schedule";
	}

	private Row row(Visit visit, String time, java.util.Locale locale, boolean mayMarkHeld, boolean room,
			boolean waiting, boolean mayWriteNote) {
		var name = patients.find(visit.patient()).map(it -> it.firstName() + " " + it.lastName()).orElse("");
		var kind = types.find(visit.type()).map(it -> it.name(messages, locale)).orElse(visit.type());
		return new Row(visit.id().id(), time, visit.patient().toString(), name, kind, visit.status().name(),
				visit.late(), mayMarkHeld, room, waiting, mayWriteNote);
	}

	/** The clinician an administrator asked for, else the first of the clinic's. */
	private Optional<Host> chosen(@Nullable String clinician) {
		if (clinician == null || clinician.isBlank()) {
			return agendas.hosts().stream().findFirst();
		}
		try {
			return Optional.of(hosts.find(UUID.fromString(clinician))
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such clinician.")));
		} catch (IllegalArgumentException malformed) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such clinician.");
		}
	}

	/** A date as the page writes it; anything else is not a date and shows today. */
	private static Optional<LocalDate> parse(@Nullable String date) {
		if (date == null || date.length() > 10) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(date));
		} catch (DateTimeParseException notADate) {
			return Optional.empty();
		}
	}
}
