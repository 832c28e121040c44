package health.stride.visits.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.ClinicListener;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.VisitCancelled;
import health.stride.visits.VisitId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live side of the video rooms on this node: its own connections, the rules for what each may
 * send, and delivery of what {@link SignalRelay} brings from every node (this one included).
 * <p>
 * A browser sends JSON objects, each naming its room ({@code room}, the visit id) and a
 * {@code type}: {@code signal} (an offer, answer or network candidate for one peer, {@code to}),
 * {@code chat} (a line of text for the room), {@code admit} (the clinician lets a waiting
 * {@code peer} in) and {@code end} (the clinician ends the call for everyone). Only admitted peers
 * exchange signals and text, and only with admitted peers of the same room; a message for another
 * room closes the connection. Every refusal is audited and nothing of it is relayed.
 * <p>
 * Stride sends {@code welcome} (your peer id, whether you are admitted, the peers in the room you may
 * see and the STUN/TURN servers), {@code peer} (someone came, was admitted or left),
 * {@code admitted} (you are in: call the admitted peers listed), {@code signal}, {@code chat},
 * {@code ended} (hung up or cancelled: the room closes) and {@code refused}.
 */
@Service
@EnableConfigurationProperties(RoomProperties.class)
public class RoomHub {

	/** The longest message a browser may send: a session description with every codec fits many times over. */
	public static final int MAX_MESSAGE = 32 * 1024;

	private static final Logger LOG = LoggerFactory.getLogger(RoomHub.class);

	/** Where a connection's messages go out: a WebSocket session, safe to call from any thread. */
	public interface Sink {

		void send(String text);

		/** Closes the connection: normally, or because the other end broke the rules. */
		void close(boolean refused);
	}

	/** One browser's connection to a room. */
	public static final class Connection {

		private final UUID peer = UUID.randomUUID();
		private final RoomParticipant who;
		private final Sink sink;
		private volatile boolean admitted;

		private Connection(RoomParticipant who, Sink sink) {
			this.who = who;
			this.sink = sink;
		}

		public UUID peer() {
			return peer;
		}

		@Override
		public String toString() {
			return "Connection[peer=" + peer + "]";
		}
	}

	private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();
	/** This node's connections by room: a message is offered to its own room's connections only. */
	private final Map<VisitId, Set<Connection>> rooms = new ConcurrentHashMap<>();
	private final RoomLedger ledger;
	private final SignalRelay relay;
	private final AuditTrail audit;
	private final JsonMapper json;
	private final RoomProperties properties;
	private final TransactionTemplate transaction;

	RoomHub(RoomLedger ledger, SignalRelay relay, AuditTrail audit, JsonMapper json, RoomProperties properties,
			PlatformTransactionManager transactions) {
		this.ledger = ledger;
		this.relay = relay;
		this.audit = audit;
		this.json = json;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
		relay.deliverTo(this::deliver);
	}

	/** A participant's browser connected: they join the room, admitted or waiting, and the room hears of it. */
	public Connection open(RoomParticipant who, Sink sink) {

		var connection = new Connection(who, sink);
		connections.put(connection.peer, connection);
		rooms.compute(who.visit(), (visit, room) -> { // atomic with a last leave's removal of the room
			var joined = room == null ? ConcurrentHashMap.<Connection>newKeySet() : room;
			joined.add(connection);
			return joined;
		});
		connection.admitted = inClinic(who.tenant(), () -> ledger.join(who, connection.peer));

		var welcome = message("welcome", who.visit());
		welcome.put("you", connection.peer.toString()).put("role", who.role().name())
				.put("admitted", connection.admitted);
		// someone waiting sees nobody yet; the clinician and admitted peers see everyone present
		var peers = welcome.putArray("peers");
		if (connection.admitted || who.role() == RoomRole.CLINICIAN) {
			for (var peer : inClinic(who.tenant(), () -> ledger.present(who.visit()))) {
				if (!peer.id().equals(connection.peer) && (peer.admitted() || who.role() == RoomRole.CLINICIAN)) {
					peers.add(peer(peer));
				}
			}
		}
		var servers = welcome.putArray("iceServers");
		for (var server : properties.iceServers()) {
			var entry = servers.addObject();
			var urls = entry.putArray("urls");
			server.urls().forEach(urls::add);
			if (server.username() != null) {
				entry.put("username", server.username()).put("credential", server.credential());
			}
		}
		sink.send(welcome.toString());
		relay.send(new SignalRelay.Signal(who.tenant(), who.visit(), connection.peer, null,
				peerEvent(who.visit(), new RoomLedger.Peer(connection.peer, who.role(), who.displayName(), connection.admitted))
						.toString()));
		return connection;
	}

	/** A browser sent a message. */
	public void receive(Connection connection, String text) {

		var who = connection.who;
		if (!connections.containsKey(connection.peer)) {
			return; // closed already
		}
		JsonNode message;
		try {
			message = text.length() > MAX_MESSAGE ? null : json.readTree(text);
		} catch (JacksonException unreadable) {
			message = null;
		}
		if (message == null || !message.isObject() || !message.path("type").isString()) {
			refuse(connection, "bad-message");
			return;
		}
		if (!who.visit().id().toString().equals(message.path("room").asString(""))) {
			refuse(connection, "wrong-room");
			connection.sink.close(true);
			return;
		}
		switch (message.path("type").asString()) {
			case "signal" -> signal(connection, message);
			case "chat" -> chat(connection, message);
			case "admit" -> admit(connection, message);
			case "end" -> end(connection);
			default -> refuse(connection, "bad-message");
		}
	}

	/** The browser's connection closed: it left the room. */
	public void closed(Connection connection) {
		if (connections.remove(connection.peer) == null) {
			return;
		}
		rooms.computeIfPresent(connection.who.visit(), (visit, room) -> {
			room.remove(connection);
			return room.isEmpty() ? null : room;
		});
		var who = connection.who;
		try {
			inClinic(who.tenant(), () -> {
				ledger.leave(who, connection.peer);
				return null;
			});
			relay.send(new SignalRelay.Signal(who.tenant(), who.visit(), connection.peer, null,
					message("peer", who.visit()).put("peer", connection.peer.toString()).put("left", true).toString()));
		} catch (RuntimeException failed) { // the presence check forgets a peer nobody renews
			LOG.warn("Recording that a peer left failed: {}", failed.getClass().getSimpleName());
		}
	}

	private void signal(Connection from, JsonNode message) {
		var to = peerId(message.path("to"));
		var data = message.path("data");
		if (!from.admitted) {
			refuse(from, "not-admitted");
			return;
		}
		if (to == null || !data.isObject() || !admitted(from.who, to)) {
			refuse(from, "unknown-peer");
			return;
		}
		var out = message("signal", from.who.visit()).put("from", from.peer.toString());
		out.set("data", data);
		relay.send(new SignalRelay.Signal(from.who.tenant(), from.who.visit(), from.peer, to, out.toString()));
	}

	/**
	 * Whether a peer is admitted to the sender's room: known here when it is connected to this node
	 * (its connection learned its admission), asked of the ledger when it is connected to another.
	 */
	private boolean admitted(RoomParticipant sender, UUID peer) {
		var local = connections.get(peer);
		if (local != null) {
			return local.admitted && local.who.tenant().equals(sender.tenant()) && local.who.visit().equals(sender.visit());
		}
		return inClinic(sender.tenant(), () -> ledger.isAdmitted(sender.visit(), peer));
	}

	private void chat(Connection from, JsonNode message) {
		var text = message.path("text").isString() ? message.path("text").asString().strip() : "";
		if (!from.admitted) {
			refuse(from, "not-admitted");
			return;
		}
		if (text.isEmpty() || text.length() > RoomLedger.MAX_CHAT || text.chars().anyMatch(c -> c == 0)) {
			refuse(from, "bad-message");
			return;
		}
		inClinic(from.who.tenant(), () -> {
			ledger.chat(from.who, from.peer, text);
			return null;
		});
		relay.send(new SignalRelay.Signal(from.who.tenant(), from.who.visit(), from.peer, null,
				message("chat", from.who.visit()).put("from", from.peer.toString()).put("name", from.who.displayName())
						.put("role", from.who.role().name()).put("text", text).toString()));
	}

	private void admit(Connection clinician, JsonNode message) {
		var peer = peerId(message.path("peer"));
		if (clinician.who.role() != RoomRole.CLINICIAN) {
			refuse(clinician, "not-allowed");
			return;
		}
		var admitted = peer == null ? null
				: inClinic(clinician.who.tenant(), () -> ledger.admit(clinician.who, peer)).orElse(null);
		if (admitted == null) {
			refuse(clinician, "unknown-peer");
			return;
		}
		var visit = clinician.who.visit();
		var you = message("admitted", visit);
		var peers = you.putArray("peers");
		for (var other : inClinic(clinician.who.tenant(), () -> ledger.present(visit))) {
			if (other.admitted() && !other.id().equals(admitted.id())) {
				peers.add(peer(other));
			}
		}
		relay.send(new SignalRelay.Signal(clinician.who.tenant(), visit, clinician.peer, admitted.id(), you.toString()));
		relay.send(new SignalRelay.Signal(clinician.who.tenant(), visit, clinician.peer, null,
				peerEvent(visit, admitted).toString()));
	}

	private void end(Connection clinician) {
		if (clinician.who.role() != RoomRole.CLINICIAN) {
			refuse(clinician, "not-allowed");
			return;
		}
		inClinic(clinician.who.tenant(), () -> {
			ledger.end(clinician.who);
			return null;
		});
		relay.send(new SignalRelay.Signal(clinician.who.tenant(), clinician.who.visit(), clinician.peer, null,
				message("ended", clinician.who.visit()).put("reason", "hung-up").toString()));
	}

	/** A cancelled visit's room empties, with a word to whoever waits in it. */
	@ClinicListener
	void on(VisitCancelled event) {
		relay.send(new SignalRelay.Signal(event.tenant(), event.visit(), new UUID(0, 0), null,
				message("ended", event.visit()).put("reason", "cancelled").toString()));
	}

	/** A message the relay brought: handed to this node's connections it is for. */
	void deliver(SignalRelay.Signal signal) {

		JsonNode body;
		try {
			body = json.readTree(signal.body());
		} catch (JacksonException unreadable) {
			return;
		}
		var type = body.path("type").asString("");
		if (signal.recipient() != null) {
			var connection = connections.get(signal.recipient());
			if (connection == null || !connection.who.tenant().equals(signal.tenant())
					|| !connection.who.visit().equals(signal.visit())) {
				return; // connected to another node, or gone
			}
			if ("admitted".equals(type)) {
				connection.admitted = true;
			} else if (!connection.admitted) {
				return;
			}
			connection.sink.send(signal.body());
			return;
		}
		for (var connection : rooms.getOrDefault(signal.visit(), Set.of())) {
			var who = connection.who;
			if (!who.tenant().equals(signal.tenant())) {
				continue;
			}
			// nobody hears news of themselves, nor their own words and hang-up back (their page shows them)
			var own = connection.peer.equals(signal.sender());
			switch (type) {
				case "peer" -> {
					var waiting = !body.path("admitted").asBoolean(false) && !body.path("left").asBoolean(false);
					var self = connection.peer.toString().equals(body.path("peer").asString(""));
					if (!self && (who.role() == RoomRole.CLINICIAN || connection.admitted && !waiting)) {
						connection.sink.send(signal.body());
					}
				}
				case "chat" -> {
					if (connection.admitted && !own) {
						connection.sink.send(signal.body());
					}
				}
				case "ended" -> {
					if (!own) {
						connection.sink.send(signal.body());
						connection.sink.close(false); // the socket's close then records the leave
					}
				}
				default -> LOG.debug("Ignoring a room message of an unknown kind");
			}
		}
	}

	/** Keeps this node's peers present; a node that stops renewing them (it died) leaves nobody behind. */
	@Scheduled(fixedDelayString = "${stride.visits.room-presence-interval:PT20S}")
	void renewPresence() {
		var byClinic = new HashMap<TenantId, List<UUID>>();
		connections.values().forEach(it -> byClinic.computeIfAbsent(it.who.tenant(), key -> new ArrayList<>()).add(it.peer));
		byClinic.forEach((clinic, peers) -> inClinic(clinic, () -> {
			ledger.seen(peers);
			return null;
		}));
	}

	private void refuse(Connection connection, String reason) {
		var who = connection.who;
		audit.record(who.actor(), who.tenant(), AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, who.patient().id(),
				"visit-room-" + reason);
		connection.sink.send(message("refused", who.visit()).put("reason", reason).toString());
	}

	private ObjectNode message(String type, VisitId visit) {
		return json.createObjectNode().put("type", type).put("room", visit.id().toString());
	}

	private ObjectNode peerEvent(VisitId visit, RoomLedger.Peer peer) {
		return message("peer", visit).put("peer", peer.id().toString()).put("name", peer.displayName())
				.put("role", peer.role().name()).put("admitted", peer.admitted());
	}

	private ObjectNode peer(RoomLedger.Peer peer) {
		return json.createObjectNode().put("peer", peer.id().toString()).put("name", peer.displayName())
				.put("role", peer.role().name()).put("admitted", peer.admitted());
	}

	private static @Nullable UUID peerId(JsonNode node) {
		if (!node.isString()) {
			return null;
		}
		try {
			return UUID.fromString(node.asString());
		} catch (IllegalArgumentException notAnId) {
			return null;
		}
	}

	private <T> T inClinic(TenantId clinic, Supplier<T> work) {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> work.get()));
	}
}
