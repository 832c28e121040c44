package health.stride.app.security;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;

/**
 * Which devices a page may ask the browser for ({@code Permissions-Policy}): the camera, microphone
 * and screen only on a visit's video room, nothing anywhere else, and never for a frame.
 */
final class DevicePermissions implements HeaderWriter {

	static final String HEADER = "Permissions-Policy";
	static final String ROOM = "camera=(self), microphone=(self), display-capture=(self)";
	static final String ELSEWHERE = "camera=(), microphone=(), display-capture=()";

	private static final Pattern ROOM_PAGE = Pattern.compile("/(guest/)?visits/[0-9a-fA-F-]{36}/room");

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (!response.containsHeader(HEADER)) {
			var path = request.getRequestURI().substring(request.getContextPath().length());
			response.setHeader(HEADER, ROOM_PAGE.matcher(path).matches() ? ROOM : ELSEWHERE);
		}
	}
}
