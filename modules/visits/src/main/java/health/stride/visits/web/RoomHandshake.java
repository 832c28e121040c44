package health.stride.visits.web;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import health.stride.platform.security.CurrentUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.VisitId;
import health.stride.visits.internal.RoomDoor;
import health.stride.visits.internal.RoomGuests;

/**
 * Lets a socket into a room only through {@link RoomDoor}: the visit's patient or clinician, signed
 * in, with their clinic bound by the security filters; or a guest whose link let this browser session
 * in, for that visit only. Anyone else is answered 404 (and audited by the door); a room not open now
 * 409.
 */
@Component
class RoomHandshake implements HandshakeInterceptor {

	private final RoomDoor door;

	RoomHandshake(RoomDoor door) {
		this.door = door;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {

		var visit = visitOf(request.getURI().getPath());
		RoomDoor.Entry entry;
		if (visit == null) {
			entry = new RoomDoor.Entry.Refused();
		} else if (request.getURI().getPath().startsWith("/guest/")) {
			var grant = grant(request);
			entry = grant == null ? new RoomDoor.Entry.Refused()
					: CurrentTenant.callAs(grant.tenant(), () -> door.enter(grant, visit));
		} else {
			var user = CurrentUser.get().orElse(null);
			entry = user == null || CurrentTenant.get().isEmpty() ? new RoomDoor.Entry.Refused() : door.enter(user, visit);
		}
		if (entry instanceof RoomDoor.Entry.Open open) {
			attributes.put(RoomSocket.PARTICIPANT, open.participant());
			return true;
		}
		response.setStatusCode(entry instanceof RoomDoor.Entry.Refused ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT);
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception failure) {}

	/** The visit id of {@code .../visits/{id}/room/socket}. */
	static @Nullable VisitId visitOf(String path) {
		var parts = path.split("/");
		if (parts.length < 4) {
			return null;
		}
		try {
			return new VisitId(UUID.fromString(parts[parts.length - 3]));
		} catch (IllegalArgumentException notAnId) {
			return null;
		}
	}

	private static RoomGuests.@Nullable Grant grant(ServerHttpRequest request) {
		if (request instanceof ServletServerHttpRequest servlet) {
			var session = servlet.getServletRequest().getSession(false);
			if (session != null && session.getAttribute(GuestRoomController.GRANT) instanceof RoomGuests.Grant grant) {
				return grant;
			}
		}
		return null;
	}
}
