package health.stride.visits.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
import org.springframework.web.util.UriComponentsBuilder;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientSummary;
import health.stride.patients.PortalAccess;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * The patient's visits: the list, booking with their care team from the open times in their own
 * time zone, moving and cancelling. A time taken while they chose is answered with the times that
 * are left.
 */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class PatientVisitsController {

	private final Visits visits;
	private final VisitTypes types;
	private final Hosts hosts;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final VisitViews views;
	private final AuditTrail audit;
	private final Clock clock;

	PatientVisitsController(Visits visits, VisitTypes types, Hosts hosts, PatientDirectory patients, CareTeams careTeams,
			VisitViews views, AuditTrail audit, Clock clock) {
		this.visits = visits;
		this.types = types;
		this.hosts = hosts;
		this.patients = patients;
		this.careTeams = careTeams;
		this.views = views;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/portal/visits")
	String list(Model model) {
		var me = me();
		var now = clock.instant();
		var lines = views.lines(visits.ofPatient(me.id()), zone(me), now);
		audit.recordListView("visits", List.of(me.id().id()));
		model.addAttribute("upcoming", lines.stream().filter(VisitViews.Line::upcoming).toList().reversed());
		model.addAttribute("past", lines.stream().filter(it -> !it.upcoming()).toList());
		model.addAttribute("zone", zone(me).getId());
		model.addAttribute("mayBook", patients.portalAccess(me.id()).isOpen());
		return "visits/my-visits";
	}

	/** A kind of visit the patient may book, with a member of their care team who holds it. */
	record Choice(String type, UUID clinicianId, String label, String href) {}

	@GetMapping("/portal/visits/new")
	String choose(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable UUID clinicianId, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String day, Model model, RedirectAttributes redirect) {
		var me = me();
		if (!patients.portalAccess(me.id()).isOpen()) {
			redirect.addFlashAttribute("flash", views.text("visits.mine.read-only"));
			return "redirect:/portal/visits";
		}
		return bookingPage(me, type, clinicianId, VisitViews.date(from), VisitViews.date(day), null, model);
	}

	@PostMapping("/portal/visits")
	String book(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable UUID clinicianId,
			@RequestParam(required = false) @Nullable String startsAt, Model model, RedirectAttributes redirect) {
		var me = me();
		var at = VisitViews.instant(startsAt);
		var choice = choices(me).stream().filter(it -> it.type().equals(type) && it.clinicianId().equals(clinicianId))
				.findFirst();
		if (choice.isEmpty()) {
			return bookingPage(me, null, null, null, null, null, model);
		}
		var day = at == null ? null : LocalDate.ofInstant(at, zone(me));
		if (at == null) {
			return bookingPage(me, type, clinicianId, null, null, views.text("visits.book.choose-time"), model);
		}
		try {
			visits.book(CurrentUser.require(), me.id(), choice.get().clinicianId(), choice.get().type(), at);
		} catch (Visits.SlotTaken taken) {
			return bookingPage(me, type, clinicianId, day, day, views.text("visits.book.taken"), model);
		} catch (InvalidInput invalid) {
			return bookingPage(me, type, clinicianId, day, day, views.firstProblem(invalid), model);
		} catch (PortalAccess.ReadOnly readOnly) {
			redirect.addFlashAttribute("flash", views.text("visits.mine.read-only"));
			return "redirect:/portal/visits";
		}
		redirect.addFlashAttribute("flash", views.text("visits.book.booked", choice.get().label(), when(me, at)));
		return "redirect:/portal/visits";
	}

	@GetMapping("/portal/visits/{visitId}/reschedule")
	String chooseNewTime(@PathVariable UUID visitId, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String day, Model model) {
		var me = me();
		var visit = booked(visitId);
		return reschedulePage(me, visit, VisitViews.date(from), VisitViews.date(day), null, model);
	}

	@PostMapping("/portal/visits/{visitId}/reschedule")
	String reschedule(@PathVariable UUID visitId, @RequestParam(required = false) @Nullable String startsAt, Model model,
			RedirectAttributes redirect) {
		var me = me();
		var visit = booked(visitId);
		var at = VisitViews.instant(startsAt);
		if (at == null) {
			return reschedulePage(me, visit, null, null, views.text("visits.book.choose-time"), model);
		}
		var day = LocalDate.ofInstant(at, zone(me));
		try {
			visits.reschedule(CurrentUser.require(), visit.id(), at);
		} catch (Visits.SlotTaken taken) {
			return reschedulePage(me, visit, day, day, views.text("visits.book.taken"), model);
		} catch (InvalidInput invalid) {
			return reschedulePage(me, visit, day, day, views.firstProblem(invalid), model);
		} catch (PortalAccess.ReadOnly readOnly) {
			redirect.addFlashAttribute("flash", views.text("visits.mine.read-only"));
			return "redirect:/portal/visits";
		} catch (Visits.NotBooked gone) {
			redirect.addFlashAttribute("flash", views.text("visits.mine.not-booked"));
			return "redirect:/portal/visits";
		}
		redirect.addFlashAttribute("flash", views.text("visits.book.moved", when(me, at)));
		return "redirect:/portal/visits";
	}

	@GetMapping("/portal/visits/{visitId}/cancel")
	String confirmCancel(@PathVariable UUID visitId, Model model) {
		var me = me();
		var visit = booked(visitId);
		model.addAttribute("visit", views.lines(List.of(visit), zone(me), clock.instant()).getFirst());
		model.addAttribute("late", views.withinNotice(visit, clock.instant()));
		model.addAttribute("noticeHours", views.noticeHours());
		model.addAttribute("reasonLimit", 500);
		return "visits/cancel";
	}

	@PostMapping("/portal/visits/{visitId}/cancellation")
	String cancel(@PathVariable UUID visitId, @RequestParam(required = false) @Nullable String reason, Model model,
			RedirectAttributes redirect) {
		var me = me();
		var visit = visits.find(CurrentUser.require(), new VisitId(visitId))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		try {
			visits.cancel(CurrentUser.require(), visit.id(), reason);
		} catch (InvalidInput invalid) {
			model.addAttribute("visit", views.lines(List.of(visit), zone(me), clock.instant()).getFirst());
			model.addAttribute("late", views.withinNotice(visit, clock.instant()));
			model.addAttribute("noticeHours", views.noticeHours());
			model.addAttribute("reasonLimit", 500);
			model.addAttribute("error", views.firstProblem(invalid));
			return "visits/cancel";
		} catch (Visits.NotBooked gone) {
			redirect.addFlashAttribute("flash", views.text("visits.mine.not-booked"));
			return "redirect:/portal/visits";
		}
		redirect.addFlashAttribute("flash", views.text("visits.mine.cancelled"));
		return "redirect:/portal/visits";
	}

	// --- the booking page

	/** Every self-bookable kind with each member of the care team who holds it. */
	List<Choice> choices(PatientSummary me) {
		var team = careTeams.of(me.id()).orElse(null);
		if (team == null) {
			return List.of();
		}
		var members = new ArrayList<CareTeam.Member>();
		if (team.therapist() != null) {
			members.add(team.therapist());
		}
		if (team.coach() != null) {
			members.add(team.coach());
		}
		var choices = new ArrayList<Choice>();
		for (VisitType type : types.all()) {
			if (!type.selfBookable()) {
				continue;
			}
			for (var member : members) {
				hosts.find(member.clinicianId()).filter(Host::active).filter(host -> host.kind() == type.heldBy())
						.ifPresent(host -> choices.add(new Choice(type.key(), host.id(),
								views.text("visits.book.choice", views.kindName(type.key()), host.displayName()),
								UriComponentsBuilder.fromPath("/portal/visits/new").queryParam("type", type.key())
										.queryParam("clinicianId", host.id()).build().toUriString())));
			}
		}
		return choices;
	}

	private String bookingPage(PatientSummary me, @Nullable String type, @Nullable UUID clinicianId,
			@Nullable LocalDate from, @Nullable LocalDate day, @Nullable String error, Model model) {
		var choices = choices(me);
		var chosen = choices.stream().filter(it -> it.type().equals(type) && it.clinicianId().equals(clinicianId))
				.findFirst().orElse(null);
		model.addAttribute("mode", "book");
		model.addAttribute("choices", chosen == null ? choices : List.of());
		model.addAttribute("chosen", chosen == null ? null : chosen.label());
		model.addAttribute("error", error);
		model.addAttribute("zone", zone(me).getId());
		model.addAttribute("back", "/portal/visits");
		if (chosen != null) {
			var now = clock.instant();
			var kind = types.find(chosen.type()).orElseThrow();
			model.addAttribute("times", views.times(chosen.clinicianId(), kind, zone(me), now, now.plus(Visits.PATIENT_LEAD),
					from, day, UriComponentsBuilder.fromPath("/portal/visits/new").queryParam("type", chosen.type())
							.queryParam("clinicianId", chosen.clinicianId())));
			model.addAttribute("action", "/portal/visits");
			model.addAttribute("hidden", java.util.Map.of("type", chosen.type(), "clinicianId", chosen.clinicianId().toString()));
			model.addAttribute("other", "/portal/visits/new");
		}
		return "visits/book";
	}

	private String reschedulePage(PatientSummary me, Visit visit, @Nullable LocalDate from,
			@Nullable LocalDate day, @Nullable String error, Model model) {
		var now = clock.instant();
		var line = views.lines(List.of(visit), zone(me), now).getFirst();
		model.addAttribute("mode", "reschedule");
		model.addAttribute("choices", List.of());
		model.addAttribute("chosen", views.text("visits.reschedule.moving", line.kind(), line.clinician(), line.when()));
		model.addAttribute("error", error);
		model.addAttribute("zone", zone(me).getId());
		model.addAttribute("back", "/portal/visits");
		model.addAttribute("late", views.withinNotice(visit, now));
		model.addAttribute("noticeHours", views.noticeHours());
		var kind = types.find(visit.type()).orElseThrow();
		model.addAttribute("times", views.times(visit.clinicianId(), kind, zone(me), now, now.plus(Visits.PATIENT_LEAD),
				from, day, UriComponentsBuilder.fromPath("/portal/visits/" + visit.id() + "/reschedule")));
		model.addAttribute("action", "/portal/visits/" + visit.id() + "/reschedule");
		model.addAttribute("hidden", java.util.Map.of());
		return "visits/book";
	}

	private PatientSummary me() {
		return patients.findByUsername(CurrentUser.require().username())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** One of the patient's own booked visits; anything else does not exist for them. */
	private Visit booked(UUID visitId) {
		return visits.find(CurrentUser.require(), new VisitId(visitId)).filter(Visit::isBooked)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static ZoneId zone(PatientSummary me) {
		return VisitViews.zone(me.timeZone());
	}

	private String when(PatientSummary me, java.time.Instant at) {
		return java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.FULL,
				java.time.format.FormatStyle.SHORT).withLocale(org.springframework.context.i18n.LocaleContextHolder.getLocale())
				.withZone(zone(me)).format(at);
	}
}
