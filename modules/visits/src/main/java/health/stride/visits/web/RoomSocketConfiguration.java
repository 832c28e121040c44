package health.stride.visits.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import health.stride.visits.internal.RoomHub;

/**
 * The rooms' signalling sockets: for a page's session ({@code /visits/{id}/room/socket}), a bearer
 * token ({@code /api/visits/{id}/room/socket}) and an invited guest's session
 * ({@code /guest/visits/{id}/room/socket}). Only pages of Stride's own origin may open them (the
 * default), and a message longer than {@link RoomHub#MAX_MESSAGE} closes the socket ({@link RoomSocket}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RoomSocketConfiguration implements WebSocketConfigurer {

	private final RoomSocket socket;
	private final RoomHandshake handshake;

	RoomSocketConfiguration(RoomSocket socket, RoomHandshake handshake) {
		this.socket = socket;
		this.handshake = handshake;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(socket, "/visits/*/room/socket", "/api/visits/*/room/socket", "/guest/visits/*/room/socket")
				.addInterceptors(handshake);
	}
}
