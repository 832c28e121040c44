package health.stride.visits.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.Hosts;
import health.stride.visits.VisitId;
import health.stride.visits.internal.RoomDoor;
import health.stride.visits.internal.RoomGuests;

/**
 * The way in for a third participant the clinician invited, who has no account: the one-time link
 * lets this browser session into that visit's room (and nothing else), then sends it to the room's
 * address, which carries only the visit id. A link used before, run out or unknown says so.
 */
@Controller
class GuestRoomController {

	static final String GRANT = GuestRoomController.class.getName() + ".grant";

	private final RoomGuests guests;
	private final RoomDoor door;
	private final Hosts hosts;

	GuestRoomController(RoomGuests guests, RoomDoor door, Hosts hosts) {
		this.guests = guests;
		this.door = door;
		this.hosts = hosts;
	}

	@GetMapping("/room-guest/{token}")
	@PreAuthorize("permitAll()")
	String use(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		return switch (guests.use(token)) {
			case RoomGuests.Use.Granted granted -> {
				request.getSession(true);
				request.changeSessionId(); // a new session id for the new right
				request.getSession().setAttribute(GRANT, granted.grant());
				yield "redirect:/guest/visits/" + granted.grant().visit().id() + "/room";
			}
			case RoomGuests.Use.Used used -> link(response, HttpServletResponse.SC_GONE, model, "used");
			case RoomGuests.Use.Expired expired -> link(response, HttpServletResponse.SC_GONE, model, "expired");
			case RoomGuests.Use.Unknown unknown -> link(response, HttpServletResponse.SC_NOT_FOUND, model, "unknown");
		};
	}

	@GetMapping("/guest/visits/{visitId}/room")
	@PreAuthorize("permitAll()")
	String room(@PathVariable UUID visitId, HttpServletRequest request, Model model) {
		var session = request.getSession(false);
		if (session == null || !(session.getAttribute(GRANT) instanceof RoomGuests.Grant grant)
				|| !grant.visit().id().equals(visitId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return CurrentTenant.callAs(grant.tenant(), () -> {
			var entry = door.enter(grant, grant.visit());
			var zone = entry instanceof RoomDoor.Entry.Open open ? RoomController.clinicianZone(hosts, open.visit())
					: VisitViews.zone(null);
			return RoomController.show(entry, "/guest/visits/" + visitId + "/room/socket", zone, model);
		});
	}

	private static String link(HttpServletResponse response, int status, Model model, String reason) {
		response.setStatus(status);
		model.addAttribute("reason", reason);
		return "visits/guest-link";
	}
}
