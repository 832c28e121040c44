package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.StrideApplication;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Hosts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rooms' signalling sockets with real tokens from Keycloak: a patient connected to one Stride
 * node and her therapist connected to another, sharing one database, reach each other; and the
 * people who are not the visit's (another clinic's clinician, a patient of another visit, a
 * colleague) are refused at the door, as is a message for another room.
 */
class RoomSocketTests extends EndToEndTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired Hosts hosts;
	@Autowired PatientDirectory patients;
	@Autowired JdbcClient jdbc;
	@Autowired JsonMapper json;
	@Autowired PlatformTransactionManager transactions;

	UUID visit;

	/** A follow-up of Maya's with Alex starting in five minutes; whatever held that time is cancelled. */
	@BeforeEach
	void aVisitAboutToStart() {
		visit = VisitAboutToStart.book(patients, hosts, jdbc, transactions);
	}

	/** One end of a signalling socket: what it heard, and how it was closed. */
	final class Client implements WebSocket.Listener {

		final List<JsonNode> heard = new CopyOnWriteArrayList<>();
		final CompletableFuture<Integer> closed = new CompletableFuture<>();
		private final StringBuilder partial = new StringBuilder();
		WebSocket socket;

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				heard.add(json.readTree(partial.toString()));
				partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(statusCode);
			return null;
		}

		JsonNode awaitOne(String type) {
			Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> heard.stream().anyMatch(it -> type.equals(it.path("type").asString())));
			return heard.stream().filter(it -> type.equals(it.path("type").asString())).reduce((a, b) -> b).orElseThrow();
		}

		void say(String message) {
			socket.sendText(message, true).join();
		}
	}

	Client connect(int port, UUID room, String username) throws Exception {
		var client = new Client();
		client.socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token(username))
				.buildAsync(URI.create("ws://localhost:" + port + "/api/visits/" + room + "/room/socket"), client)
				.get(15, TimeUnit.SECONDS);
		return client;
	}

	/** The status a refused handshake was answered with. */
	int refusal(UUID room, String username) throws Exception {
		try {
			connect(TestKeycloak.applicationPort(), room, username);
			return 101;
		} catch (java.util.concurrent.ExecutionException | CompletionException failed) {
			if (failed.getCause() instanceof WebSocketHandshakeException handshake) {
				return handshake.getResponse().statusCode();
			}
			throw failed;
		}
	}

	@Test
	void aPatientOnOneNodeAndHerTherapistOnAnotherReachEachOther() throws Exception {

		try (var second = new SpringApplicationBuilder(StrideApplication.class).properties(Map.of(
				"server.port", "0",
				"stride.keycloak.url", TestKeycloak.server().url(),
				"stride.keycloak.client-secret", TestKeycloak.CLIENT_SECRET,
				"stride.keycloak.provisioner-secret", TestKeycloak.PROVISIONER_SECRET,
				"stride.public-url", appUrl(),
				"spring.mail.host", "127.0.0.1",
				"spring.mail.port", String.valueOf(TestMail.port()))).run()) {

			var otherNode = ((WebServerApplicationContext) second).getWebServer().getPort();
			assertThat(otherNode).isNotEqualTo(TestKeycloak.applicationPort());

			var patient = connect(TestKeycloak.applicationPort(), visit, "patient.maya");
			var you = patient.awaitOne("welcome").path("you").asString();
			var therapist = connect(otherNode, visit, "pt.alex");
			var welcome = therapist.awaitOne("welcome");
			assertThat(welcome.path("peers").valueStream().map(it -> it.path("peer").asString())).contains(you);

			therapist.say("""
					{"type": "admit", "room": "%s", "peer": "%s"}""".formatted(visit, you));
			assertThat(patient.awaitOne("admitted").path("peers").valueStream().map(it -> it.path("peer").asString()))
					.containsExactly(welcome.path("you").asString());

			patient.say("""
					{"type": "signal", "room": "%s", "to": "%s", "data": {"sdp": {"type": "offer", "sdp": "v=0"}}}"""
					.formatted(visit, welcome.path("you").asString()));
			assertThat(therapist.awaitOne("signal").path("from").asString()).isEqualTo(you);
			therapist.say("""
					{"type": "signal", "room": "%s", "to": "%s", "data": {"sdp": {"type": "answer", "sdp": "v=0"}}}"""
					.formatted(visit, you));
			assertThat(patient.awaitOne("signal").path("data").path("sdp").path("type").asString()).isEqualTo("answer");

			therapist.say("""
					{"type": "end", "room": "%s"}""".formatted(visit));
			assertThat(patient.awaitOne("ended").path("reason").asString()).isEqualTo("hung-up");
			assertThat(patient.closed.get(15, TimeUnit.SECONDS)).isEqualTo(1000);
		}
	}

	@Test
	void refusesEveryoneButTheVisitsPatientAndClinicianAndAMessageForAnotherRoom() throws Exception {

		assertThat(refusal(visit, "pt.jordan")).as("a therapist of another clinic").isEqualTo(404);
		assertThat(refusal(visit, "pt.sam")).as("a colleague who is not the visit's clinician").isEqualTo(404);
		assertThat(refusal(visit, "patient.leo")).as("a patient of another visit").isEqualTo(404);
		assertThat(refusal(UUID.randomUUID(), "patient.maya")).as("no such visit").isEqualTo(404);

		var maya = connect(TestKeycloak.applicationPort(), visit, "patient.maya");
		maya.awaitOne("welcome");
		maya.say("""
				{"type": "chat", "room": "%s", "text": "hello"}""".formatted(UUID.randomUUID()));
		assertThat(maya.awaitOne("refused").path("reason").asString()).isEqualTo("wrong-room");
		assertThat(maya.closed.get(15, TimeUnit.SECONDS)).isEqualTo(1008);

		var denied = CurrentTenant.callAs(NORTHSIDE, () -> new TransactionTemplate(transactions).execute(tx -> jdbc.sql("""
				select actor_username || ' ' || resource from platform.audit_event
				where resource like 'visit-room%' and outcome = 'DENIED' and occurred_at > now() - interval '1 minute'""")
				.query(String.class).list()));
		assertThat(denied).contains("pt.sam visit-room", "patient.leo visit-room", "patient.maya visit-room-wrong-room");
	}

	String token(String username) throws IOException, InterruptedException {
		var form = Map.of("grant_type", "password", "client_id", "stride-cli", "username", username, "password", PASSWORD,
				"scope", "openid").entrySet().stream()
				.map(it -> it.getKey() + "=" + URLEncoder.encode(it.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		var response = HTTP.send(HttpRequest.newBuilder(
				URI.create(TestKeycloak.server().url() + "/realms/stride/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body()).get("access_token").asString();
	}
}
