package health.stride.bench;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signalling in many video rooms at once, against a running Stride (started from its jar, see the
 * README):
 * <ol>
 * <li>makes {@code BENCH_ROOMS} therapist accounts in Keycloak (realm role {@code therapist},
 * organization {@code northside}, through the admin API), enlists each as a host of the clinic and
 * books each a follow-up starting in five minutes with a patient of its own (rows written straight
 * into {@code visits}, as the schema owner with the clinic set), and writes a one-time guest link
 * for each visit (only its SHA-256 digest, as {@code RoomGuests} does);</li>
 * <li>signs each therapist in for a real access token and opens their room's socket with it
 * ({@code /api/visits/{id}/room/socket}); then opens each guest link ({@code GET /room-guest/{token}})
 * for the guest's session and the guest's socket with that session's cookie
 * ({@code /guest/visits/{id}/room/socket}); the clinician admits the guest when the guest's
 * {@code peer} message comes, as the room page does;</li>
 * <li>when every room has both peers admitted, runs a call set-up in each room every
 * {@code BENCH_SETUP_SECONDS} (the rooms spread evenly over that time): the clinician sends an offer
 * (a session description of about 5 KB) and ten network candidates 50 ms apart; the guest, on the
 * offer, answers the same way. Every message carries its send time and a number;</li>
 * <li>after the warm-up, measures for {@code BENCH_MEASURE_SECONDS}: the relay's latency (from the
 * sender's {@code sendText} to the receiver's {@code onText}, both in this JVM), messages per
 * second, and errors: refusals, messages lost or doubled, failed sends and sockets closed by the
 * other end;</li>
 * <li>removes the accounts, hosts, visits and the rooms' rows it made (the audit entries the joins
 * and admissions wrote stay: the audit trail is append-only).</li>
 * </ol>
 */
public final class RoomsBenchmark {

	static final String APP = env("BENCH_APP_URL", "http://localhost:8080");
	static final String KEYCLOAK = env("BENCH_KEYCLOAK_URL", "http://localhost:8180");
	static final String DATABASE = env("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/stride");
	static final int ROOMS = Integer.parseInt(env("BENCH_ROOMS", "100"));
	static final Duration SETUP_EVERY = Duration.ofMillis((long) (1000 * Double.parseDouble(env("BENCH_SETUP_SECONDS", "5"))));
	static final Duration WARM_UP = Duration.ofSeconds(Long.parseLong(env("BENCH_WARM_UP_SECONDS", "60")));
	static final Duration MEASURE = Duration.ofSeconds(Long.parseLong(env("BENCH_MEASURE_SECONDS", "60")));
	static final int CANDIDATES = 10;
	static final Duration CANDIDATE_GAP = Duration.ofMillis(50);
	static final String CLINIC = "northside";
	static final String PREFIX = "bench.room.";
	static final String BOOKED_BY = "bench-rooms";

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor()).build();
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final SecureRandom RANDOM = new SecureRandom();

	/** What the load counted, over the whole load unless named otherwise. */
	static final class Tally {
		final AtomicLong sent = new AtomicLong();
		final AtomicLong received = new AtomicLong();
		final AtomicLong duplicates = new AtomicLong();
		final AtomicLong refused = new AtomicLong();
		final AtomicLong sendFailures = new AtomicLong();
		final AtomicLong unexpectedCloses = new AtomicLong();
		final AtomicLong unexpectedMessages = new AtomicLong();
		final AtomicLong sentMeasured = new AtomicLong();
		final ConcurrentLinkedQueue<String> firstProblems = new ConcurrentLinkedQueue<>();
		/** Latencies of the messages sent in the measured window, in nanoseconds, by kind. */
		final ConcurrentLinkedQueue<long[]> measured = new ConcurrentLinkedQueue<>();

		void problem(String what) {
			if (firstProblems.size() < 10) {
				firstProblems.add(what);
			}
		}
	}

	static final Tally TALLY = new Tally();
	static volatile long measureFrom = Long.MAX_VALUE;
	static volatile long measureUntil = Long.MAX_VALUE;
	static volatile boolean closing;

	private RoomsBenchmark() {}

	public static void main(String[] args) throws Exception {

		var health = HTTP.send(HttpRequest.newBuilder(URI.create(APP + "/actuator/health")).build(), BodyHandlers.ofString());
		if (health.statusCode() != 200) {
			System.err.println("Stride is not running at " + APP + ": start it as bench/README.md says first.");
			System.exit(1);
		}

		try (var database = DriverManager.getConnection(DATABASE, "stride_owner", "stride-owner")) {
			database.setAutoCommit(false);
			removeGenerated(database);
			var rooms = new ArrayList<Room>();
			try {
				var started = System.nanoTime();
				var accounts = inParallel(4, ROOMS, i -> KeycloakUsers.therapist(PREFIX + i));
				System.out.printf("%d therapist accounts in Keycloak in %,d ms%n", ROOMS, millisSince(started));
				for (int i = 0; i < ROOMS; i++) {
					rooms.add(new Room(i, accounts.get(i)));
				}
				book(database, rooms);

				started = System.nanoTime();
				var tokens = inParallel(4, ROOMS, i -> token(PREFIX + i));
				System.out.printf("%d access tokens in %,d ms%n", ROOMS, millisSince(started));

				started = System.nanoTime();
				var ready = new CountDownLatch(2 * ROOMS);
				var gate = new Semaphore(8);
				try (var joins = Executors.newVirtualThreadPerTaskExecutor()) {
					for (var room : rooms) {
						joins.submit(() -> {
							gate.acquire();
							try {
								room.enter(tokens.get(room.index), ready);
							} finally {
								gate.release();
							}
							return null;
						});
					}
				}
				if (!ready.await(120, TimeUnit.SECONDS)) {
					throw new IllegalStateException(ready.getCount() + " of " + 2 * ROOMS
							+ " sockets were not in and admitted after 2 minutes: " + TALLY.firstProblems);
				}
				var setUp = millisSince(started);
				System.out.printf("%d rooms: %d sockets in and admitted in %,d ms%n", ROOMS, 2 * ROOMS, setUp);

				var result = load(rooms);

				System.out.printf("""

						rooms benchmark (%d rooms, each a clinician and an admitted guest on their own sockets; in each room a call
						set-up every %s s: offer + %d candidates one way, answer + %d candidates back, %d ms apart;
						%d s measured after %d s warm-up)
						  rooms joined and admitted:   %d rooms, %d sockets in %,.1f s
						  signals relayed (measured):  %,d in %d s (%,.0f messages/s)
						  relay latency, all:          p50 %6.1f ms   p95 %6.1f ms   p99 %6.1f ms   max %7.1f ms
						  relay latency, offer/answer: p50 %6.1f ms   p95 %6.1f ms   p99 %6.1f ms   (about %,d bytes each)
						  relay latency, candidates:   p50 %6.1f ms   p95 %6.1f ms   p99 %6.1f ms   (about %,d bytes each)
						  errors:                      %d (refused %d, lost %d and doubled %d of %,d sent, failed sends %d,
						                               sockets closed by Stride %d, unexpected messages %d)
						  CPU, measured window:        %s
						%n""", ROOMS, seconds(SETUP_EVERY), CANDIDATES, CANDIDATES, CANDIDATE_GAP.toMillis(),
						MEASURE.toSeconds(), WARM_UP.toSeconds(), ROOMS, 2 * ROOMS, setUp / 1000.0, result.measuredCount,
						MEASURE.toSeconds(), result.measuredCount / (double) MEASURE.toSeconds(), result.all.p50, result.all.p95,
						result.all.p99, result.all.max, result.descriptions.p50, result.descriptions.p95, result.descriptions.p99,
						Payloads.DESCRIPTION_BYTES, result.candidates.p50, result.candidates.p95, result.candidates.p99,
						Payloads.CANDIDATE_BYTES, result.errors, TALLY.refused.get(), result.lost, TALLY.duplicates.get(),
						TALLY.sent.get(), TALLY.sendFailures.get(), TALLY.unexpectedCloses.get(), TALLY.unexpectedMessages.get(),
						result.cpu);
				if (!TALLY.firstProblems.isEmpty()) {
					System.out.println("first problems: " + String.join("; ", TALLY.firstProblems));
				}
			} finally {
				closing = true;
				for (var room : rooms) {
					room.leave();
				}
				Thread.sleep(2_000); // the leaves reach Stride before the rows go
				removeGenerated(database);
			}
		}
	}

	/** Percentiles of one set of latencies, in milliseconds. */
	record Percentiles(double p50, double p95, double p99, double max) {

		static Percentiles of(long[] sorted) {
			return new Percentiles(percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
					sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
		}
	}

	record Result(long measuredCount, Percentiles all, Percentiles descriptions, Percentiles candidates, long lost,
			long errors, String cpu) {}

	/** The paced call set-ups: warm-up, the measured window, then waiting for the last messages. */
	static Result load(List<Room> rooms) throws Exception {

		var start = System.nanoTime() + 500_000_000L;
		var end = start + WARM_UP.toNanos() + MEASURE.toNanos();
		measureFrom = start + WARM_UP.toNanos();
		measureUntil = end;
		System.out.printf("load: %d s warm-up, then %d s measured%n", WARM_UP.toSeconds(), MEASURE.toSeconds());
		var cpu = new AtomicReference<String>();
		try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (var room : rooms) {
				var offset = SETUP_EVERY.toNanos() * room.index / rooms.size();
				callers.submit(() -> {
					for (long at = start + offset; at < end; at += SETUP_EVERY.toNanos()) {
						sleepUntil(at);
						room.clinician.setUp("offer");
					}
					return null;
				});
			}
			callers.submit(() -> {
				sleepUntil(measureFrom);
				var before = Cpu.now();
				sleepUntil(measureUntil);
				cpu.set(Cpu.since(before));
				return null;
			});
		}
		// the answers to the last offers, then whatever the relay still carries
		var drained = System.nanoTime();
		while (TALLY.received.get() < TALLY.sent.get() && System.nanoTime() - drained < 10_000_000_000L) {
			Thread.sleep(100);
		}
		Thread.sleep(2_000);

		var all = new ArrayList<Long>();
		var descriptions = new ArrayList<Long>();
		var candidates = new ArrayList<Long>();
		for (var entry : TALLY.measured) {
			all.add(entry[1]);
			(entry[0] == 0 ? descriptions : candidates).add(entry[1]);
		}
		var lost = rooms.stream().mapToLong(Room::lost).sum();
		var errors = TALLY.refused.get() + lost + TALLY.duplicates.get() + TALLY.sendFailures.get()
				+ TALLY.unexpectedCloses.get() + TALLY.unexpectedMessages.get();
		return new Result(all.size(), Percentiles.of(sorted(all)), Percentiles.of(sorted(descriptions)),
				Percentiles.of(sorted(candidates)), lost, errors, cpu.get() == null ? "not measured" : cpu.get());
	}

	/** One visit's room: its clinician (a bench therapist) and the guest they invited. */
	static final class Room {

		final int index;
		final String account;
		final String username;
		final UUID visit = UUID.randomUUID();
		final String guestLink = newLink();
		final Client clinician;
		final Client guest;

		Room(int index, String account) {
			this.index = index;
			this.account = account;
			this.username = PREFIX + index;
			this.clinician = new Client(this, true);
			this.guest = new Client(this, false);
			clinician.other = guest;
			guest.other = clinician;
		}

		/** The clinician's socket with the access token, then the guest's through the link's session. */
		void enter(String token, CountDownLatch ready) throws Exception {
			clinician.ready = ready;
			guest.ready = ready;
			clinician.socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
					.connectTimeout(Duration.ofSeconds(10))
					.buildAsync(URI.create(ws(APP) + "/api/visits/" + visit + "/room/socket"), clinician)
					.get(30, TimeUnit.SECONDS);
			clinician.welcomed.get(30, TimeUnit.SECONDS);

			var link = HTTP.send(HttpRequest.newBuilder(URI.create(APP + "/room-guest/" + guestLink)).build(),
					BodyHandlers.discarding());
			if (link.statusCode() != 302) {
				throw new IllegalStateException("GET /room-guest/{token} answered " + link.statusCode());
			}
			String session = null;
			for (var header : link.headers().allValues("Set-Cookie")) {
				for (var cookie : HttpCookie.parse(header)) {
					if (cookie.getName().equals("JSESSIONID")) {
						session = cookie.getValue();
					}
				}
			}
			if (session == null) {
				throw new IllegalStateException("The guest link set no session cookie: " + link.headers().map());
			}
			guest.socket = HTTP.newWebSocketBuilder().header("Cookie", "JSESSIONID=" + session)
					.connectTimeout(Duration.ofSeconds(10))
					.buildAsync(URI.create(ws(APP) + "/guest/visits/" + visit + "/room/socket"), guest)
					.get(30, TimeUnit.SECONDS);
		}

		void leave() {
			for (var client : List.of(guest, clinician)) {
				var socket = client.socket;
				if (socket != null && !socket.isOutputClosed()) {
					try {
						socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
					} catch (Exception ignored) {
						// the rows go anyway
					}
				}
			}
		}

		long lost() {
			return clinician.lost() + guest.lost();
		}
	}

	/** One end of a room: a socket, what it knows of the room, and what it sent and received. */
	static final class Client implements WebSocket.Listener {

		final Room room;
		final boolean clinician;
		Client other;
		volatile WebSocket socket;
		volatile CountDownLatch ready;
		volatile String me;
		volatile String peer;
		final CompletableFuture<Void> welcomed = new CompletableFuture<>();
		private boolean in;
		private final StringBuilder partial = new StringBuilder();
		private final ReentrantLock sending = new ReentrantLock();
		private final AtomicLong numbers = new AtomicLong();
		/** The numbers of the messages this end sent, and of those the other end received from it. */
		private final BitSet sentNumbers = new BitSet();
		private final BitSet receivedNumbers = new BitSet();

		Client(Room room, boolean clinician) {
			this.room = room;
			this.clinician = clinician;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				var text = partial.toString();
				partial.setLength(0);
				try {
					handle(text, System.nanoTime());
				} catch (RuntimeException failed) {
					TALLY.unexpectedMessages.incrementAndGet();
					TALLY.problem("unreadable message: " + failed);
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			if (!closing) {
				TALLY.unexpectedCloses.incrementAndGet();
				TALLY.problem(role() + " socket closed by Stride: " + statusCode + " " + reason);
			}
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			if (!closing) {
				TALLY.unexpectedCloses.incrementAndGet();
				TALLY.problem(role() + " socket failed: " + error);
			}
		}

		private void handle(String text, long now) {
			var message = JSON.readTree(text);
			switch (message.path("type").asString("")) {
				case "welcome" -> {
					me = message.path("you").asString();
					welcomed.complete(null);
				}
				case "peer" -> {
					// the clinician hears the guest come (waiting), then admitted; the guest's news of itself never comes
					if (clinician && !message.path("left").asBoolean(false) && !closing) {
						if (!message.path("admitted").asBoolean(false)) {
							peer = message.path("peer").asString();
							Thread.startVirtualThread(() -> send(message("admit").put("peer", peer).toString()));
						} else if (message.path("peer").asString("").equals(peer)) {
							nowIn();
						}
					} else if (!closing) {
						unexpected(text);
					}
				}
				case "admitted" -> {
					if (!clinician) {
						for (var present : message.path("peers")) {
							if ("CLINICIAN".equals(present.path("role").asString())) {
								peer = present.path("peer").asString();
							}
						}
						nowIn();
					} else {
						unexpected(text);
					}
				}
				case "signal" -> received(message.path("data"), now);
				case "refused" -> {
					TALLY.refused.incrementAndGet();
					TALLY.problem(role() + " refused: " + message.path("reason").asString());
				}
				default -> unexpected(text);
			}
		}

		private synchronized void nowIn() {
			if (!in) {
				in = true;
				ready.countDown();
			}
		}

		private void received(JsonNode data, long now) {
			var number = data.path("n").asLong(-1);
			var sent = data.path("sent").asLong();
			var from = other;
			boolean again;
			synchronized (from.receivedNumbers) {
				again = number < 0 || from.receivedNumbers.get((int) number);
				if (!again) {
					from.receivedNumbers.set((int) number);
				}
			}
			if (again) {
				TALLY.duplicates.incrementAndGet();
				TALLY.problem(role() + " got message " + number + " twice");
				return;
			}
			TALLY.received.incrementAndGet();
			if (sent >= measureFrom && sent < measureUntil) {
				var kind = data.path("kind").asString();
				TALLY.measured.add(new long[] { "candidate".equals(kind) ? 1 : 0, now - sent });
			}
			if (!clinician && "offer".equals(data.path("kind").asString())) {
				Thread.startVirtualThread(() -> setUp("answer"));
			}
		}

		/** An offer or an answer, then the candidates trickling after it. */
		void setUp(String description) {
			signal(Payloads.description(description));
			for (int c = 0; c < CANDIDATES; c++) {
				try {
					Thread.sleep(CANDIDATE_GAP);
				} catch (InterruptedException stop) {
					Thread.currentThread().interrupt();
					return;
				}
				signal(Payloads.candidate(c));
			}
		}

		private void signal(ObjectNode data) {
			if (closing) {
				return;
			}
			var number = numbers.getAndIncrement();
			var sent = System.nanoTime();
			data.put("n", number).put("sent", sent);
			var text = message("signal").put("to", peer).set("data", data).toString();
			synchronized (sentNumbers) {
				sentNumbers.set((int) number);
			}
			TALLY.sent.incrementAndGet();
			if (sent >= measureFrom && sent < measureUntil) {
				TALLY.sentMeasured.incrementAndGet();
			}
			send(text);
		}

		private void send(String text) {
			sending.lock();
			try {
				socket.sendText(text, true).get(30, TimeUnit.SECONDS);
			} catch (Exception failed) {
				TALLY.sendFailures.incrementAndGet();
				TALLY.problem(role() + " send failed: " + failed);
			} finally {
				sending.unlock();
			}
		}

		/** The messages this end sent that the other end never received. */
		long lost() {
			BitSet missing;
			synchronized (sentNumbers) {
				missing = (BitSet) sentNumbers.clone();
			}
			synchronized (receivedNumbers) {
				missing.andNot(receivedNumbers);
			}
			return missing.cardinality();
		}

		private ObjectNode message(String type) {
			return JSON.createObjectNode().put("room", room.visit.toString()).put("type", type);
		}

		private void unexpected(String text) {
			TALLY.unexpectedMessages.incrementAndGet();
			TALLY.problem(role() + " got " + JSON.readTree(text).path("type").asString());
		}

		private String role() {
			return clinician ? "clinician" : "guest";
		}
	}

	/** What browsers send: a session description of a call with sound and pictures, and network candidates. */
	static final class Payloads {

		static final String SDP;
		static final int DESCRIPTION_BYTES;
		static final int CANDIDATE_BYTES;

		static {
			var sdp = new StringBuilder("""
					v=0
					o=- 4611731400430051336 2 IN IP4 127.0.0.1
					s=-
					t=0 0
					a=group:BUNDLE 0 1
					a=extmap-allow-mixed
					a=msid-semantic: WMS 3c2d5b1e-8f0a-4c7e-9a5b-1f2e3d4c5b6a
					m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
					c=IN IP4 0.0.0.0
					a=rtcp:9 IN IP4 0.0.0.0
					a=ice-ufrag:sK9w
					a=ice-pwd:Yq3xG7nR2bVt8LmP5cWd0FhJ
					a=ice-options:trickle
					a=fingerprint:sha-256 5B:2E:91:0C:7A:3F:D4:68:1E:B0:C9:57:2A:8D:F3:46:0B:7E:91:C5:2D:A8:63:F0:1B:4E:97:C2:5A:3D:E8:06
					a=setup:actpass
					a=mid:0
					a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
					a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
					a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
					a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
					a=sendrecv
					a=msid:3c2d5b1e-8f0a-4c7e-9a5b-1f2e3d4c5b6a 7d1e0f2a-6b3c-4d5e-8f90-a1b2c3d4e5f6
					a=rtcp-mux
					a=rtcp-rsize
					a=rtpmap:111 opus/48000/2
					a=rtcp-fb:111 transport-cc
					a=fmtp:111 minptime=10;useinbandfec=1
					a=rtpmap:63 red/48000/2
					a=fmtp:63 111/111
					a=rtpmap:9 G722/8000
					a=rtpmap:0 PCMU/8000
					a=rtpmap:8 PCMA/8000
					a=rtpmap:13 CN/8000
					a=rtpmap:110 telephone-event/48000
					a=rtpmap:126 telephone-event/8000
					a=ssrc:1937264801 cname:Hq2xV9kLm3NpQ7rT
					a=ssrc:1937264801 msid:3c2d5b1e-8f0a-4c7e-9a5b-1f2e3d4c5b6a 7d1e0f2a-6b3c-4d5e-8f90-a1b2c3d4e5f6
					m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109 127 125 39 40 45 46 98 99 100 101 112 113 116 117 118
					c=IN IP4 0.0.0.0
					a=rtcp:9 IN IP4 0.0.0.0
					a=ice-ufrag:sK9w
					a=ice-pwd:Yq3xG7nR2bVt8LmP5cWd0FhJ
					a=ice-options:trickle
					a=fingerprint:sha-256 5B:2E:91:0C:7A:3F:D4:68:1E:B0:C9:57:2A:8D:F3:46:0B:7E:91:C5:2D:A8:63:F0:1B:4E:97:C2:5A:3D:E8:06
					a=setup:actpass
					a=mid:1
					a=extmap:14 urn:ietf:params:rtp-hdrext:toffset
					a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
					a=extmap:13 urn:3gpp:video-orientation
					a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
					a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
					a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type
					a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing
					a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space
					a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
					a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
					a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
					a=sendrecv
					a=msid:3c2d5b1e-8f0a-4c7e-9a5b-1f2e3d4c5b6a 9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b
					a=rtcp-mux
					a=rtcp-rsize
					""");
			int[][] video = { { 96, 97 }, { 102, 103 }, { 104, 105 }, { 106, 107 }, { 108, 109 }, { 127, 125 }, { 39, 40 },
					{ 45, 46 }, { 98, 99 }, { 100, 101 }, { 112, 113 }, { 116, 117 } };
			String[] codecs = { "VP8", "H264", "H264", "H264", "H264", "H264", "H264", "AV1", "VP9", "VP9", "H264", "red" };
			for (int v = 0; v < video.length; v++) {
				var pt = video[v][0];
				sdp.append("a=rtpmap:").append(pt).append(' ').append(codecs[v]).append("/90000\n");
				for (var feedback : List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli")) {
					sdp.append("a=rtcp-fb:").append(pt).append(' ').append(feedback).append('\n');
				}
				if ("H264".equals(codecs[v])) {
					sdp.append("a=fmtp:").append(pt)
							.append(" level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\n");
				}
				sdp.append("a=rtpmap:").append(video[v][1]).append(" rtx/90000\n");
				sdp.append("a=fmtp:").append(video[v][1]).append(" apt=").append(pt).append('\n');
			}
			sdp.append("""
					a=rtpmap:118 ulpfec/90000
					a=ssrc-group:FID 2418923712 3046829371
					a=ssrc:2418923712 cname:Hq2xV9kLm3NpQ7rT
					a=ssrc:2418923712 msid:3c2d5b1e-8f0a-4c7e-9a5b-1f2e3d4c5b6a 9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b
					a=ssrc:3046829371 cname:Hq2xV9kLm3NpQ7rT
					a=ssrc:3046829371 msid:3c2d5b1e-8f0a-4c7e-9a5b-1f2e3d4c5b6a 9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b
					""");
			SDP = sdp.toString().replace("\n", "\r\n");
			DESCRIPTION_BYTES = description("offer").put("n", 0).put("sent", System.nanoTime()).toString().length() + 100;
			CANDIDATE_BYTES = candidate(0).put("n", 0).put("sent", System.nanoTime()).toString().length() + 100;
		}

		static ObjectNode description(String type) {
			var data = JSON.createObjectNode().put("kind", type);
			data.putObject("description").put("type", type).put("sdp", SDP);
			return data;
		}

		static ObjectNode candidate(int index) {
			var data = JSON.createObjectNode().put("kind", "candidate");
			data.putObject("candidate")
					.put("candidate", "candidate:%d 1 udp %d 203.0.113.%d %d typ srflx raddr 10.0.0.%d rport %d generation 0 ufrag sK9w network-id 1 network-cost 10"
							.formatted(842163049L + index, 1686052607 - index, 7 + index, 51234 + index, 5 + index, 51234 + index))
					.put("sdpMid", index % 2 == 0 ? "0" : "1").put("sdpMLineIndex", index % 2).put("usernameFragment", "sK9w");
			return data;
		}
	}

	/** CPU time of the machine and of the processes on it, from /proc (Linux), over a window. */
	record Cpu(long machineBusy, long machineAll, long stride, long postgres, long keycloak, long bench, long wall) {

		static Cpu now() {
			try {
				var fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
				long all = 0;
				for (int i = 1; i < fields.length && i <= 8; i++) {
					all += Long.parseLong(fields[i]);
				}
				var idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
				var self = ProcessHandle.current().pid();
				return new Cpu(all - idle, all,
						ticks(line -> line.contains("stride-app-") && line.contains("-jar")),
						ticks(line -> line.startsWith("postgres:") || line.contains("/bin/postgres ")), // the server and its backends
						ticks(line -> line.contains("keycloak") && line.contains("java")),
						ticks(self), System.nanoTime());
			} catch (Exception unavailable) {
				return null;
			}
		}

		static String since(Cpu before) {
			var after = now();
			if (before == null || after == null) {
				return "not measured (no /proc)";
			}
			var cores = Runtime.getRuntime().availableProcessors();
			var seconds = (after.wall - before.wall) / 1e9;
			var ticksPerSecond = 100.0; // USER_HZ on Linux
			return "machine %.0f %% of %d cores; of one core: Stride %.0f %%, PostgreSQL %.0f %%, Keycloak %.0f %%, this load %.0f %%"
					.formatted(100.0 * (after.machineBusy - before.machineBusy) / (after.machineAll - before.machineAll), cores,
							100 * (after.stride - before.stride) / ticksPerSecond / seconds,
							100 * (after.postgres - before.postgres) / ticksPerSecond / seconds,
							100 * (after.keycloak - before.keycloak) / ticksPerSecond / seconds,
							100 * (after.bench - before.bench) / ticksPerSecond / seconds);
		}

		private static long ticks(Predicate<String> commandLine) throws Exception {
			long sum = 0;
			try (var processes = Files.list(Path.of("/proc"))) {
				for (var process : processes.filter(it -> it.getFileName().toString().chars().allMatch(Character::isDigit))
						.toList()) {
					try {
						var line = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
								.replace('\0', ' ');
						if (commandLine.test(line)) {
							sum += ticks(Long.parseLong(process.getFileName().toString()));
						}
					} catch (Exception gone) {
						// the process ended meanwhile
					}
				}
			}
			return sum;
		}

		private static long ticks(long pid) throws Exception {
			var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
		}
	}

	/**
	 * The rooms' rows, as the schema owner with the clinic set: each bench therapist enlisted as a
	 * host, a booked follow-up starting in five minutes (the room is open from ten minutes before) with
	 * a patient id of its own (visits name patients by id only), and the guest link's digest.
	 */
	static void book(Connection database, List<Room> rooms) throws SQLException {
		tenant(database);
		try (var host = database.prepareStatement("""
				insert into visits.host (id, username, display_name, kind, time_zone)
				values (?, ?, ?, 'THERAPIST', 'America/Los_Angeles')""");
				var visit = database.prepareStatement("""
						insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
						                          booked_by, booked_at)
						values (?, gen_random_uuid(), ?, 'follow-up', date_trunc('minute', now()) + interval '5 minutes',
						        date_trunc('minute', now()) + interval '35 minutes',
						        date_trunc('minute', now()) + interval '35 minutes', 'BOOKED', ?, now())""");
				var guest = database.prepareStatement("""
						insert into visits.room_guest (visit_id, display_name, relation, digest, created_by, created_at, expires_at)
						select id, 'Bench Interpreter', 'INTERPRETER', ?, ?, now(), ends_at from visits.visit where id = ?""")) {
			for (var room : rooms) {
				var hostId = UUID.nameUUIDFromBytes(("bench-room-host:" + room.index).getBytes(StandardCharsets.UTF_8));
				host.setObject(1, hostId);
				host.setString(2, room.username);
				host.setString(3, "Bench Clinician " + room.index);
				host.addBatch();
				visit.setObject(1, room.visit);
				visit.setObject(2, hostId);
				visit.setString(3, BOOKED_BY);
				visit.addBatch();
				guest.setBytes(1, digest(room.guestLink));
				guest.setString(2, room.username);
				guest.setObject(3, room.visit);
				guest.addBatch();
			}
			host.executeBatch();
			visit.executeBatch();
			guest.executeBatch();
		}
		database.commit();
	}

	/** Everything a run made in the database and Keycloak, also what a run that died left behind. */
	static void removeGenerated(Connection database) throws Exception {
		tenant(database);
		int visits;
		try (var statement = database.createStatement()) {
			var ofBench = "(select id from visits.visit where booked_by = '" + BOOKED_BY + "')";
			for (var table : List.of("visits.room_peer", "visits.room_chat", "visits.room_guest", "visits.room_signal")) {
				statement.execute("delete from " + table + " where visit_id in " + ofBench);
			}
			visits = statement.executeUpdate("delete from visits.visit where booked_by = '" + BOOKED_BY + "'");
			statement.execute("delete from visits.host where username like 'bench.room.%'");
		}
		database.commit();
		var accounts = KeycloakUsers.existing(PREFIX);
		for (var account : accounts) {
			KeycloakUsers.delete(account);
		}
		if (visits > 0 || !accounts.isEmpty()) {
			System.out.printf("removed %d bench visits with their rooms and %d bench accounts%n", visits, accounts.size());
		}
	}

	/** A guest link's secret as {@code RoomGuests} makes one: 32 random bytes, URL-safe Base64 without padding. */
	static String newLink() {
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** A real access token from the realm, as the CLI client gets one. */
	static String token(String username) throws Exception {
		var form = "grant_type=password&client_id=stride-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
				+ "&password=stride-demo&scope=openid";
		var response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/stride/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form)).build(),
				BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak refused the benchmark's sign-in: " + response.body());
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	/** Therapist accounts in realm stride, made and removed through Keycloak's admin API. */
	static final class KeycloakUsers {

		private static volatile String admin;
		private static volatile long adminUntil;

		private KeycloakUsers() {}

		/** Creates (or finds) the user with the therapist role in organization northside; returns its id. */
		static String therapist(String username) throws Exception {
			var base = KEYCLOAK + "/admin/realms/stride";
			var found = JSON.readTree(get(base + "/users?exact=true&username=" + username));
			String id;
			if (!found.isEmpty()) {
				id = found.get(0).get("id").asString();
			} else {
				var created = send("POST", base + "/users", JSON.writeValueAsString(Map.of("username", username,
						"enabled", true, "firstName", "Bench", "lastName", "Clinician", "email", username + "@bench.example",
						"emailVerified", true, "credentials",
						List.of(Map.of("type", "password", "value", "stride-demo", "temporary", false)))));
				id = created.substring(created.lastIndexOf('/') + 1);
			}
			var role = get(base + "/roles/therapist");
			send("POST", base + "/users/" + id + "/role-mappings/realm", "[" + role + "]");
			var member = JSON.readTree(get(base + "/organizations/members/" + id + "/organizations"));
			if (member.isEmpty()) {
				send("POST", base + "/organizations/" + northside() + "/members", "\"" + id + "\"");
			}
			return id;
		}

		private static volatile String northside;

		private static String northside() throws Exception {
			if (northside == null) {
				for (var organization : JSON.readTree(get(KEYCLOAK + "/admin/realms/stride/organizations?max=1000"))) {
					if (CLINIC.equals(organization.get("alias").asString())) {
						northside = organization.get("id").asString();
					}
				}
				if (northside == null) {
					throw new IllegalStateException("Keycloak has no organization northside: start Stride with its demo data.");
				}
			}
			return northside;
		}

		/** The ids of the accounts whose username starts with the prefix. */
		static List<String> existing(String prefix) throws Exception {
			var ids = new ArrayList<String>();
			for (var user : JSON.readTree(get(KEYCLOAK + "/admin/realms/stride/users?briefRepresentation=true&max=10000&search="
					+ URLEncoder.encode(prefix, StandardCharsets.UTF_8)))) {
				if (user.get("username").asString().startsWith(prefix)) {
					ids.add(user.get("id").asString());
				}
			}
			return ids;
		}

		static void delete(String id) throws Exception {
			send("DELETE", KEYCLOAK + "/admin/realms/stride/users/" + id, null);
		}

		/** The master realm's admin token, renewed before its minute runs out. */
		private static synchronized String adminToken() throws Exception {
			if (admin == null || System.nanoTime() > adminUntil) {
				var response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
						.build(), BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("Keycloak refused the admin sign-in: " + response.body());
				}
				admin = JSON.readTree(response.body()).get("access_token").asString();
				adminUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			}
			return admin;
		}

		private static String get(String url) throws Exception {
			var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + adminToken())
					.GET().build(), BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}

		/** Sends the request; answers the Location header of a creation, or the body. */
		private static String send(String method, String url, String body) throws Exception {
			var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + adminToken())
					.header("Content-Type", "application/json")
					.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).build();
			var response = HTTP.send(request, BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
						+ response.body());
			}
			return response.headers().firstValue("Location").orElse(response.body());
		}
	}

	interface Work<T> {
		T run(int index) throws Exception;
	}

	/** {@code count} pieces of work on {@code threads} virtual threads at a time, results in order. */
	static <T> List<T> inParallel(int threads, int count, Work<T> work) throws Exception {
		var results = new ArrayList<CompletableFuture<T>>();
		var gate = new Semaphore(threads);
		try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < count; i++) {
				var index = i;
				var result = new CompletableFuture<T>();
				results.add(result);
				workers.submit(() -> {
					gate.acquireUninterruptibly();
					try {
						result.complete(work.run(index));
					} catch (Throwable failed) {
						result.completeExceptionally(failed);
					} finally {
						gate.release();
					}
				});
			}
		}
		var list = new ArrayList<T>();
		for (var result : results) {
			list.add(result.join());
		}
		return list;
	}

	private static long[] sorted(List<Long> values) {
		var array = values.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(array);
		return array;
	}

	private static double percentile(long[] sorted, double p) {
		return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		var left = nanoTime - System.nanoTime();
		if (left > 0) {
			Thread.sleep(Duration.ofNanos(left));
		}
	}

	private static long millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static String seconds(Duration duration) {
		return duration.toMillis() % 1000 == 0 ? String.valueOf(duration.toSeconds()) : String.valueOf(duration.toMillis() / 1000.0);
	}

	private static String ws(String http) {
		return http.replaceFirst("^http", "ws");
	}

	private static void tenant(Connection database) throws SQLException {
		try (var statement = database.createStatement()) {
			statement.execute("select set_config('stride.tenant_id', '" + CLINIC + "', true)");
		}
	}

	private static String env(String name, String fallback) {
		var value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
