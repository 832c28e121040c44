package health.stride.messaging.internal;

import static health.stride.messaging.internal.ReminderPatient.NEW_YORK;
import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.sun.net.httpserver.HttpServer;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.InvalidInput;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import tools.jackson.databind.json.JsonMapper;

/**
 * Web Push against a push service played by a small HTTP server in the test: the push carries no
 * payload, a TTL and a VAPID token the service can verify with Stride's public key; a subscription
 * the service no longer knows is forgotten; an address of any other service is refused.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import(TestClock.Replacing.class)
class PushReminderTests {

	/** One request as the push service received it. */
	record Received(String path, Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			return headers.entrySet().stream().filter(it -> it.getKey().equalsIgnoreCase(name)).findFirst()
					.map(it -> it.getValue().getFirst()).orElse("");
		}
	}

	static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
	/** Whether the push service answers every push with 503 Service Unavailable. */
	static volatile boolean unavailable;
	static final HttpServer PUSH_SERVICE;
	static final String PUBLIC_KEY;
	static final String PRIVATE_KEY;

	static {
		try {
			var generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			var pair = generator.generateKeyPair();
			var point = ((ECPublicKey) pair.getPublic()).getW();
			var uncompressed = new byte[65];
			uncompressed[0] = 4;
			System.arraycopy(fixed(point.getAffineX()), 0, uncompressed, 1, 32);
			System.arraycopy(fixed(point.getAffineY()), 0, uncompressed, 33, 32);
			PUBLIC_KEY = WebPush.base64(uncompressed);
			PRIVATE_KEY = WebPush.base64(fixed(((ECPrivateKey) pair.getPrivate()).getS()));

			PUSH_SERVICE = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			PUSH_SERVICE.createContext("/", exchange -> {
				var body = exchange.getRequestBody().readAllBytes();
				var path = exchange.getRequestURI().getPath();
				RECEIVED.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
				exchange.sendResponseHeaders(unavailable ? 503 : path.startsWith("/gone/") ? 410 : 201, -1);
				exchange.close();
			});
			PUSH_SERVICE.start();
		} catch (IOException | java.security.GeneralSecurityException failed) {
			throw new ExceptionInInitializerError(failed);
		}
	}

	/** A coordinate as exactly 32 bytes, big-endian. */
	static byte[] fixed(BigInteger value) {
		var bytes = value.toByteArray();
		var out = new byte[32];
		var length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
		return out;
	}

	@DynamicPropertySource
	static void pushService(DynamicPropertyRegistry properties) {
		properties.add("stride.push.vapid.public-key", () -> PUBLIC_KEY);
		properties.add("stride.push.vapid.private-key", () -> PRIVATE_KEY);
		properties.add("stride.push.vapid.subject", () -> "mailto:ops@stride.example");
		properties.add("stride.push.allowed-origins", () -> "http://127.0.0.1:" + PUSH_SERVICE.getAddress().getPort());
		properties.add("stride.reminders.interval", () -> "PT1H");
		properties.add("stride.mail.notice-interval", () -> "PT1H");
	}

	@AfterAll
	static void stop() {
		PUSH_SERVICE.stop(0);
	}

	private final ExerciseReminders reminders;
	private final ReminderSettings settings;
	private final PushSubscriptions subscriptions;
	private final ClinicRegistry clinics;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Plans plans;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final JsonMapper json;
	private final TestClock clock;

	private ReminderPatient given;

	PushReminderTests(ExerciseReminders reminders, ReminderSettings settings, PushSubscriptions subscriptions,
			ClinicRegistry clinics, ProgramTemplates templates, PatientDirectory patients, CareTeams careTeams,
			Plans plans, JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json, TestClock clock) {
		this.reminders = reminders;
		this.settings = settings;
		this.subscriptions = subscriptions;
		this.clinics = clinics;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.plans = plans;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.json = json;
		this.clock = clock;
	}

	@BeforeEach
	void mayaWantsNotificationsOnly() {
		clock.reset();
		RECEIVED.clear();
		unavailable = false;
		given = ReminderPatient.given(clinics, templates, patients, careTeams, plans, true);
		CurrentTenant.runAs(given.clinic(), () -> settings.save(given.maya(), ReminderPatient.input(LocalTime.of(18, 0),
				EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 0), LocalTime.of(8, 0), false, true), Locale.ENGLISH));
	}

	@AfterEach
	void realTime() {
		clock.reset();
	}

	String endpoint(String path) {
		return "http://127.0.0.1:" + PUSH_SERVICE.getAddress().getPort() + path + UUID.randomUUID();
	}

	void subscribe(String endpoint) {
		CurrentTenant.runAs(given.clinic(), () -> subscriptions.add(given.maya(), endpoint));
	}

	int sendDueAt(Instant now) {
		clock.set(now);
		return CurrentTenant.callAs(given.clinic(), reminders::sendDue);
	}

	static Instant newYork(LocalTime time) {
		return ZonedDateTime.of(LocalDate.of(2026, 3, 12), time, NEW_YORK).toInstant();
	}

	@Test
	void pushesWithoutPayloadWithATimeToLiveAndAVapidTokenThePushServiceVerifies() throws Exception {

		var endpoint = endpoint("/push/");
		subscribe(endpoint);

		assertThat(sendDueAt(newYork(LocalTime.of(18, 0)))).isOne();

		assertThat(RECEIVED).singleElement().satisfies(push -> {
			assertThat(endpoint).endsWith(push.path());
			assertThat(push.body()).as("no payload").isEmpty();
			assertThat(push.header("TTL")).as("until the quiet hours start at nine").isEqualTo(
					Long.toString(Duration.ofHours(3).toSeconds()));
			var authorization = push.header("Authorization");
			assertThat(authorization).startsWith("vapid t=").contains(", k=" + PUBLIC_KEY);
			var token = authorization.substring("vapid t=".length(), authorization.indexOf(", k="));
			var parts = token.split("\\.");
			assertThat(parts).hasSize(3);
			var signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
			assertThat(WebPush.verifies(signed, Base64.getUrlDecoder().decode(parts[2]), WebPush.publicKey(PUBLIC_KEY)))
					.as("the signature verifies with Stride's public key").isTrue();
			var header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
			assertThat(header.get("alg").asString()).isEqualTo("ES256");
			var claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
			assertThat(claims.get("aud").asString()).isEqualTo("http://127.0.0.1:" + PUSH_SERVICE.getAddress().getPort());
			assertThat(claims.get("sub").asString()).isEqualTo("mailto:ops@stride.example");
			assertThat(Instant.ofEpochSecond(claims.get("exp").asLong()))
					.isAfter(clock.instant()).isBefore(clock.instant().plus(Duration.ofHours(24)));
		});
		assertThat(pushesRecorded()).containsExactly(1);
	}

	@Test
	void forgetsASubscriptionThePushServiceNoLongerKnows() {

		subscribe(endpoint("/gone/"));
		subscribe(endpoint("/push/"));

		sendDueAt(newYork(LocalTime.of(18, 5)));

		assertThat(RECEIVED).hasSize(2);
		assertThat(CurrentTenant.callAs(given.clinic(), () -> subscriptions.endpoints(given.maya())))
				.singleElement().asString().contains("/push/");
		assertThat(pushesRecorded()).containsExactly(1);
	}

	@Test
	void refusesAPushAddressThatIsNotAKnownPushService() {

		var port = PUSH_SERVICE.getAddress().getPort();
		for (var address : List.of("https://attacker.example/push", "http://127.0.0.1.attacker.example/x",
				"file:///etc/passwd", "http://user@127.0.0.1/x", "not an address", "http://127.0.0.1/\u0000x",
				"http://127.0.0.1:" + port + "/push/\u0000x", "http://127.0.0.1:" + port + "/push/ x",
				"http://127.0.0.1:" + port + "/" + "x".repeat(100_000),
				"http://127.0.0.1:" + port + "/push/" + "\u63a8".repeat(1_500),
				"http://127.0.0.1:" + port + "/push/caf\u00e9", "http://127.0.0.1/push/x",
				"http://127.0.0.1:" + (port == 65_535 ? port - 1 : port + 1) + "/push/x", "https://127.0.0.1:" + port + "/push/x")) {
			var refused = catchThrowableOfType(InvalidInput.class, () -> subscribe(address));
			assertThat(refused).as(address.length() > 80 ? "a long one" : address).isNotNull();
			assertThat(refused.problems()).containsOnlyKeys("endpoint");
			assertThat(refused.problems().get("endpoint").getCodes()).contains("messaging.reminders.push.error.endpoint");
		}
		assertThat(CurrentTenant.callAs(given.clinic(), () -> subscriptions.count(given.maya()))).isZero();
	}

	@Test
	void acceptsTheAllowedOriginOnItsPortAndEachAddressOnce() {

		var endpoint = endpoint("/push/");
		subscribe(endpoint);
		subscribe(endpoint);

		assertThat(CurrentTenant.callAs(given.clinic(), () -> subscriptions.endpoints(given.maya()))).containsExactly(endpoint);
	}

	@Test
	void givesTheDayBackWhenNoPushGotThroughAndPushesOnTheNextRun() {

		subscribe(endpoint("/push/"));
		unavailable = true;

		assertThat(sendDueAt(newYork(LocalTime.of(18, 0)))).isZero();
		assertThat(pushesRecorded()).as("no reminder recorded").isEmpty();

		unavailable = false;
		assertThat(sendDueAt(newYork(LocalTime.of(18, 1)))).isOne();
		assertThat(sendDueAt(newYork(LocalTime.of(18, 2)))).as("and only once").isZero();
		assertThat(RECEIVED).hasSize(2);
		assertThat(pushesRecorded()).containsExactly(1);
	}

	@Test
	void tellsTheServiceWorkerTheClinicAndTheTimeForExerciseInTheReadersLanguage() {

		var english = CurrentTenant.callAs(given.clinic(), () -> reminders.notification(Locale.ENGLISH));
		var spanish = CurrentTenant.callAs(given.clinic(), () -> reminders.notification(Locale.of("es")));

		assertThat(english).isEqualTo(new ExerciseReminders.Notification("Northside Physio",
				"Time for today's exercises.", "/portal/session"));
		assertThat(spanish.body()).isEqualTo("Es hora de los ejercicios de hoy.");
	}

	List<Integer> pushesRecorded() {
		return CurrentTenant.callAs(given.clinic(), () -> transaction.execute(status -> jdbc.sql(
				"select pushes from messaging.exercise_reminder where patient_id = ?").param(given.maya().id())
				.query(Integer.class).list()));
	}
}
