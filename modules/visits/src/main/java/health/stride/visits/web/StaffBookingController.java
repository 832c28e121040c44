package health.stride.visits.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
import org.springframework.web.util.UriComponentsBuilder;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.patients.PortalAccess;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * Staff book a visit for a patient from the chart: any kind, with any clinician who holds it (the
 * patient's therapist first), from the open times in the clinician's time zone.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
class StaffBookingController {

	private final Visits visits;
	private final VisitTypes types;
	private final Hosts hosts;
	private final PatientDirectory patients;
	private final VisitViews views;
	private final Clock clock;

	StaffBookingController(Visits visits, VisitTypes types, Hosts hosts, PatientDirectory patients, VisitViews views,
			Clock clock) {
		this.visits = visits;
		this.types = types;
		this.hosts = hosts;
		this.patients = patients;
		this.views = views;
		this.clock = clock;
	}

	/** An entry of a list to choose from. */
	record Option(String value, String label, boolean selected) {}

	@GetMapping("/patients/{patientId}/visits/new")
	String choose(@PathVariable UUID patientId, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable UUID clinicianId, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String day, Model model) {
		var patient = open(patientId);
		return page(patient, type, clinicianId, VisitViews.date(from), VisitViews.date(day), null, model);
	}

	@PostMapping("/patients/{patientId}/visits")
	String book(@PathVariable UUID patientId, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable UUID clinicianId,
			@RequestParam(required = false) @Nullable String startsAt, Model model, RedirectAttributes redirect) {
		var patient = open(patientId);
		var at = VisitViews.instant(startsAt);
		if (type == null || clinicianId == null || at == null) {
			return page(patient, type, clinicianId, null, null, views.text("visits.book.choose-time"), model);
		}
		var host = hosts.find(clinicianId).filter(Host::active).orElse(null);
		var day = host == null ? null : LocalDate.ofInstant(at, host.zone());
		try {
			visits.book(CurrentUser.require(), patient.id(), clinicianId, type, at);
		} catch (Visits.SlotTaken taken) {
			return page(patient, type, clinicianId, day, day, views.text("visits.book.taken"), model);
		} catch (InvalidInput invalid) {
			return page(patient, type, clinicianId, day, day, views.firstProblem(invalid), model);
		} catch (PortalAccess.ReadOnly readOnly) {
			return page(patient, type, clinicianId, day, day, views.text("visits.staff.read-only"), model);
		} catch (Visits.NotFound notFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
				.withLocale(LocaleContextHolder.getLocale()).withZone(java.util.Objects.requireNonNull(host).zone()).format(at);
		redirect.addFlashAttribute("flash", views.text("visits.staff.booked", views.kindName(type), host.displayName(), when));
		return "redirect:/patients/" + patient.id();
	}

	private String page(PatientRecord patient, @Nullable String type, @Nullable UUID clinicianId, @Nullable LocalDate from,
			@Nullable LocalDate day, @Nullable String error, Model model) {

		var kinds = types.all();
		var kind = kinds.stream().filter(it -> it.key().equals(type)).findFirst().orElse(kinds.stream()
				.filter(it -> it.key().equals("follow-up")).findFirst().orElse(kinds.isEmpty() ? null : kinds.getFirst()));
		var therapist = patient.careTeam() == null || patient.careTeam().therapist() == null ? null
				: patient.careTeam().therapist().clinicianId();
		var active = hosts.active();
		var host = active.stream().filter(it -> it.id().equals(clinicianId != null ? clinicianId : therapist)).findFirst()
				.orElse(null);

		var base = "/patients/" + patient.id() + "/visits/new";
		model.addAttribute("mode", "staff");
		model.addAttribute("patientName", patient.firstName() + " " + patient.lastName());
		model.addAttribute("choices", List.of());
		model.addAttribute("pickAction", base);
		model.addAttribute("kinds", kinds.stream().map(it -> new Option(it.key(), views.kindName(it.key()),
				kind != null && it.key().equals(kind.key()))).toList());
		model.addAttribute("clinicians", active.stream().map(it -> new Option(it.id().toString(), it.displayName(),
				host != null && it.id().equals(host.id()))).toList());
		model.addAttribute("error", error);
		model.addAttribute("back", "/patients/" + patient.id());
		if (kind != null && host != null) {
			if (host.kind() != kind.heldBy()) {
				model.addAttribute("error", error != null ? error : views.text("visits.booking.not-held-by-clinician"));
				return "visits/book";
			}
			model.addAttribute("chosen", views.text("visits.book.choice", views.kindName(kind.key()), host.displayName()));
			model.addAttribute("zone", host.zone().getId());
			var now = clock.instant();
			model.addAttribute("times", views.times(host.id(), kind, host.zone(), now, now, from, day,
					UriComponentsBuilder.fromPath(base).queryParam("type", kind.key()).queryParam("clinicianId", host.id())));
			model.addAttribute("action", "/patients/" + patient.id() + "/visits");
			model.addAttribute("hidden", Map.of("type", kind.key(), "clinicianId", host.id().toString()));
		}
		return "visits/book";
	}

	/** The patient, if the signed-in clinician may open their record; otherwise they do not exist. */
	private PatientRecord open(UUID patientId) {
		return patients.open(new PatientId(patientId), CurrentUser.require())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
