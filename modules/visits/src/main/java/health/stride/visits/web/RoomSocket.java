package health.stride.visits.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import health.stride.visits.internal.RoomHub;
import health.stride.visits.internal.RoomParticipant;

/** A browser's signalling socket in a room: {@link RoomHandshake} let it in, {@link RoomHub} does the rest. */
@Component
class RoomSocket extends TextWebSocketHandler {

	static final String PARTICIPANT = RoomSocket.class.getName() + ".participant";
	private static final String CONNECTION = RoomSocket.class.getName() + ".connection";
	private static final Logger LOG = LoggerFactory.getLogger(RoomSocket.class);

	private final RoomHub hub;

	RoomSocket(RoomHub hub) {
		this.hub = hub;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		var participant = (RoomParticipant) session.getAttributes().get(PARTICIPANT);
		session.setTextMessageSizeLimit(RoomHub.MAX_MESSAGE); // longer closes the socket (1009)
		// sends come from the relay's thread and the socket's own: the decorator takes them in turn
		var out = new ConcurrentWebSocketSessionDecorator(session, 10_000, 512 * 1024);
		session.getAttributes().put(CONNECTION, hub.open(participant, new RoomHub.Sink() {

			@Override
			public void send(String text) {
				try {
					out.sendMessage(new TextMessage(text));
				} catch (IOException | RuntimeException gone) {
					// the browser misses a signal: its connection recovers by an ICE restart, but it should show
					LOG.warn("A room socket could not take a message: {}", gone.getClass().getSimpleName());
				}
			}

			@Override
			public void close(boolean refused) {
				try {
					out.close(refused ? CloseStatus.POLICY_VIOLATION : CloseStatus.NORMAL);
				} catch (IOException gone) {
					LOG.debug("A room socket closed badly: {}", gone.getClass().getSimpleName());
				}
			}
		}));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		var connection = (RoomHub.Connection) session.getAttributes().get(CONNECTION);
		if (connection != null) {
			hub.receive(connection, message.getPayload());
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		var connection = (RoomHub.Connection) session.getAttributes().get(CONNECTION);
		if (connection != null) {
			hub.closed(connection);
		}
	}
}
