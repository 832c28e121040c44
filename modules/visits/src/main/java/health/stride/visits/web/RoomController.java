package health.stride.visits.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
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

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientSummary;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.internal.RoomDoor;
import health.stride.visits.internal.RoomGuests;
import health.stride.visits.internal.RoomRole;

/**
 * A visit's video room for its patient and its clinician: a device check, then the waiting room or
 * the call. Before it opens, after it closes and for a cancelled visit the page says so; anyone else
 * finds no such page. The room's address carries the visit id and nothing else.
 */
@Controller
@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH')")
class RoomController {

	private final RoomDoor door;
	private final RoomGuests guests;
	private final Hosts hosts;
	private final PatientDirectory patients;
	private final String publicUrl;

	RoomController(RoomDoor door, RoomGuests guests, Hosts hosts, PatientDirectory patients,
			@Value("${stride.public-url:http://localhost:8080}") String publicUrl) {
		this.door = door;
		this.guests = guests;
		this.hosts = hosts;
		this.patients = patients;
		this.publicUrl = publicUrl;
	}

	@GetMapping("/visits/{visitId}/room")
	String room(@PathVariable UUID visitId, Model model) {
		var user = CurrentUser.require();
		var entry = door.enter(user, new VisitId(visitId));
		return show(entry, "/visits/" + visitId + "/room/socket", zoneOf(entry), model);
	}

	/** The clinician in the room creates a one-time link for an interpreter or a caregiver; it is shown once. */
	@PostMapping("/visits/{visitId}/room/guests")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
	String invite(@PathVariable UUID visitId, @RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String relation, Model model) {

		var entry = door.enter(CurrentUser.require(), new VisitId(visitId));
		if (!(entry instanceof RoomDoor.Entry.Open open) || open.participant().role() != RoomRole.CLINICIAN) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("visit", open.visit());
		model.addAttribute("role", RoomRole.CLINICIAN.name());
		model.addAttribute("relations", RoomGuests.Relation.values());
		var kind = relation == null ? null : switch (relation) {
			case "INTERPRETER" -> RoomGuests.Relation.INTERPRETER;
			case "CAREGIVER" -> RoomGuests.Relation.CAREGIVER;
			default -> null;
		};
		if (kind == null) {
			model.addAttribute("guestError", "visits.room.guest.relation-required");
			model.addAttribute("guestName", name);
			return "visits/room :: guests";
		}
		try {
			var token = guests.invite(open.participant(), open.visit(), name == null ? "" : name, kind);
			model.addAttribute("guestLink", publicUrl + "/room-guest/" + token);
			model.addAttribute("guestInvited", name == null ? "" : name.strip());
		} catch (InvalidInput invalid) {
			model.addAttribute("guestError", java.util.Objects.requireNonNull(invalid.problems().values().iterator().next().getCodes())[0]);
			model.addAttribute("guestName", name);
		}
		return "visits/room :: guests";
	}

	/** What the door said, as a page: the room itself, or why it is not open. */
	static String show(RoomDoor.Entry entry, String socket, ZoneId zone, Model model) {
		var time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
				.withLocale(LocaleContextHolder.getLocale()).withZone(zone);
		switch (entry) {
			case RoomDoor.Entry.Open open -> {
				model.addAttribute("visit", open.visit());
				model.addAttribute("room", open.visit().id().id());
				model.addAttribute("role", open.participant().role().name());
				model.addAttribute("socket", socket);
				model.addAttribute("startsAt", time.format(open.visit().startsAt()));
				model.addAttribute("relations", RoomGuests.Relation.values());
				return "visits/room";
			}
			case RoomDoor.Entry.NotYet notYet -> {
				model.addAttribute("reason", "not-yet");
				model.addAttribute("opensAt", time.format(notYet.opensAt()));
				model.addAttribute("visitId", notYet.visit().id().id());
			}
			case RoomDoor.Entry.Over over -> model.addAttribute("reason", "over");
			case RoomDoor.Entry.Cancelled cancelled -> model.addAttribute("reason", "cancelled");
			case RoomDoor.Entry.Refused refused -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "visits/room-closed";
	}

	/** The reader's zone: a patient's own, a clinician's own. */
	private ZoneId zoneOf(RoomDoor.Entry entry) {
		Visit visit = switch (entry) {
			case RoomDoor.Entry.Open open -> open.visit();
			case RoomDoor.Entry.NotYet notYet -> notYet.visit();
			case RoomDoor.Entry.Over over -> over.visit();
			case RoomDoor.Entry.Cancelled cancelled -> cancelled.visit();
			case RoomDoor.Entry.Refused refused -> null;
		};
		if (visit == null) {
			return VisitViews.zone(null);
		}
		if (CurrentUser.require().has(Role.PATIENT)) {
			return VisitViews.zone(patients.find(visit.patient()).map(PatientSummary::timeZone).orElse(null));
		}
		return clinicianZone(hosts, visit);
	}

	/** The visit's clinician's zone. */
	static ZoneId clinicianZone(Hosts hosts, Visit visit) {
		return hosts.find(visit.clinicianId()).map(Host::zone).orElseGet(() -> VisitViews.zone(null));
	}
}
