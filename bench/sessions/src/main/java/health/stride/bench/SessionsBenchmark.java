package health.stride.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sustained {@code POST /api/me/sessions} from many patients against a running Stride (the README's
 * run command), with pgbench inserting a comparable row into a copy of the session table on the same
 * PostgreSQL as the baseline:
 * <ol>
 * <li>creates {@code BENCH_PATIENTS} patient accounts in Keycloak (organization {@code northside}),
 * their patient records and a plan made from the clinic's sciatica template;</li>
 * <li>signs each in for a real access token;</li>
 * <li>{@code BENCH_USERS} concurrent clients, each posting a new session (a new idempotency key) as
 * soon as the last is answered: warm-up, then the measured minute;</li>
 * <li>waits for the event listeners to finish, then compares sessions stored with sessions
 * acknowledged and counts incomplete event publications;</li>
 * <li>runs pgbench with the same number of clients for the same time, inserting a session-shaped row;</li>
 * <li>removes what it made.</li>
 * </ol>
 */
public final class SessionsBenchmark {

	static final String APP = env("BENCH_APP_URL", "http://localhost:8080");
	static final String KEYCLOAK = env("BENCH_KEYCLOAK_URL", "http://localhost:8180");
	static final String DATABASE = env("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/stride");
	static final int PATIENTS = Integer.parseInt(env("BENCH_PATIENTS", "64"));
	static final int USERS = Integer.parseInt(env("BENCH_USERS", "32"));
	static final Duration WARM_UP = Duration.ofSeconds(Long.parseLong(env("BENCH_WARM_UP_SECONDS", "10")));
	static final Duration MEASURE = Duration.ofSeconds(Long.parseLong(env("BENCH_MEASURE_SECONDS", "60")));

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SessionsBenchmark() {}

	public static void main(String[] args) throws Exception {

		var health = HTTP.send(HttpRequest.newBuilder(URI.create(APP + "/actuator/health")).build(), BodyHandlers.ofString());
		if (health.statusCode() != 200) {
			System.err.println("Stride is not running at " + APP + ": start it with the README's run command first.");
			System.exit(1);
		}

		try (var database = DriverManager.getConnection(DATABASE, "stride_owner", "stride-owner")) {
			database.setAutoCommit(false);
			var accounts = new ArrayList<String>();
			try {
				var tokens = new ArrayList<String>();
				for (int i = 0; i < PATIENTS; i++) {
					var username = "bench.session." + i;
					var account = KeycloakUsers.patient(username);
					accounts.add(account);
					patient(database, account, username);
				}
				for (int i = 0; i < PATIENTS; i++) {
					tokens.add(token("bench.session." + i));
				}
				System.out.printf("%d bench patients ready, %d clients%n", PATIENTS, USERS);

				var acknowledged = new AtomicInteger();
				run(tokens, WARM_UP, acknowledged, new AtomicInteger(), new AtomicInteger());
				var measured = new AtomicInteger();
				var errors = new AtomicInteger();
				var started = System.nanoTime();
				run(tokens, MEASURE, acknowledged, measured, errors);
				var seconds = (System.nanoTime() - started) / 1e9;
				var rate = measured.get() / seconds;

				var drained = System.nanoTime();
				var incomplete = incompletePublications(database);
				while (incomplete > 0 && System.nanoTime() - drained < Duration.ofMinutes(3).toNanos()) {
					Thread.sleep(1_000);
					incomplete = incompletePublications(database);
				}
				var drainSeconds = (System.nanoTime() - drained) / 1e9;
				var stored = storedSessions(database);

				var pgbench = pgbench(database);

				System.out.printf("""

						sessions benchmark (%d patients, %d concurrent clients, %d s measured after %d s warm-up)
						  POST /api/me/sessions:        %,8.0f sessions/s (%,d in %.0f s, errors %d)
						  pgbench, session-shaped row:  %,8.0f inserts/s (%d clients, %d s)
						  ratio sessions / pgbench:     %.3f
						  acknowledged (201):           %,d
						  stored:                       %,d (lost: %,d)
						  incomplete event publications after the run: %d (listeners drained in %.1f s)
						%n""", PATIENTS, USERS, MEASURE.toSeconds(), WARM_UP.toSeconds(), rate, measured.get(), seconds,
						errors.get(), pgbench, USERS, MEASURE.toSeconds(), rate / pgbench, acknowledged.get(), stored,
						acknowledged.get() - stored, incomplete, drainSeconds);
			} finally {
				removeGenerated(database);
				for (var account : accounts) {
					KeycloakUsers.delete(account);
				}
			}
		}
	}

	/** The clients: each posts a new session for its patient as soon as the last is answered. */
	static void run(List<String> tokens, Duration duration, AtomicInteger acknowledged, AtomicInteger measured,
			AtomicInteger errors) throws InterruptedException {

		var until = System.nanoTime() + duration.toNanos();
		try (var clients = Executors.newFixedThreadPool(USERS)) {
			for (int c = 0; c < USERS; c++) {
				var token = tokens.get(c % tokens.size());
				clients.submit(() -> {
					while (System.nanoTime() < until) {
						var body = """
								{"idempotencyKey": "%s", "painBefore": 3, "painAfter": 2, "symptomShift": "CENTRALIZING",
								 "effort": "RIGHT", "exercises": [
								   {"exerciseSlug": "childs-pose", "setsDone": 1},
								   {"exerciseSlug": "pelvic-tilt", "setsDone": 1, "repsDone": 10},
								   {"exerciseSlug": "glute-bridge", "setsDone": 2, "repsDone": 10},
								   {"exerciseSlug": "clamshell", "skipped": true, "skipReason": "NO_TIME"}]}"""
								.formatted(UUID.randomUUID());
						try {
							var response = HTTP.send(HttpRequest.newBuilder(URI.create(APP + "/api/me/sessions"))
									.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
									.timeout(Duration.ofSeconds(30)).POST(BodyPublishers.ofString(body)).build(),
									BodyHandlers.discarding());
							if (response.statusCode() == 201) {
								acknowledged.incrementAndGet();
								measured.incrementAndGet();
							} else {
								errors.incrementAndGet();
							}
						} catch (Exception e) {
							errors.incrementAndGet();
						}
					}
				});
			}
			clients.shutdown();
			clients.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
		}
	}

	/** The bench patient's record in clinic northside, with a plan from the clinic's sciatica template. */
	static void patient(Connection database, String account, String username) throws SQLException {
		try (var statement = database.prepareStatement("""
				with new_patient as (
				  insert into patients.patient (tenant_id, id, account_id, username, first_name, last_name, date_of_birth,
				      email, state, time_zone, status, created_at, status_changed_at)
				  values ('northside', gen_random_uuid(), ?, ?, 'Bench', 'Patient', date '1980-01-01', ? || '@bench.example',
				      'WA', 'America/Los_Angeles', 'ACTIVE', now(), now())
				  returning id)
				insert into programs.plan (tenant_id, patient_id, id, template_id, name, phases, walking, current_phase,
				    version, assigned_by, assigned_at, updated_at)
				select 'northside', n.id, gen_random_uuid(), t.id, t.name, t.phases, t.walking, 0, 1, 'pt.alex', now(), now()
				from new_patient n, programs.template t
				where t.key = 'sciatica-stretch-strengthen'""")) {
			database.createStatement().execute("select set_config('stride.tenant_id', 'northside', true)");
			statement.setString(1, account);
			statement.setString(2, username);
			statement.setString(3, username);
			if (statement.executeUpdate() != 1) {
				throw new IllegalStateException("Clinic northside has no sciatica template: start Stride with its demo data.");
			}
		}
		database.commit();
	}

	static long incompletePublications(Connection database) throws SQLException {
		try (var result = database.createStatement().executeQuery(
				"select count(*) from event_publication where completion_date is null")) {
			result.next();
			var count = result.getLong(1);
			database.commit();
			return count;
		}
	}

	static long storedSessions(Connection database) throws SQLException {
		database.createStatement().execute("select set_config('stride.tenant_id', 'northside', true)");
		try (var result = database.createStatement().executeQuery("""
				select count(*) from programs.session s join patients.patient p on p.id = s.patient_id
				where p.username like 'bench.session.%'""")) {
			result.next();
			var count = result.getLong(1);
			database.commit();
			return count;
		}
	}

	/**
	 * pgbench's insert rate for a session-shaped row (the same columns, key and indexes, no row-level
	 * security, no application in between) with as many clients as the load had, for as long.
	 */
	static double pgbench(Connection database) throws Exception {
		try (var statement = database.createStatement()) {
			statement.execute("drop table if exists public.bench_session");
			statement.execute("create table public.bench_session (like programs.session including all)");
		}
		database.commit();
		var script = Files.createTempFile("session-insert", ".sql");
		Files.writeString(script, """
				\\set patient random(1, %d)
				insert into public.bench_session (tenant_id, patient_id, id, idempotency_key, performed_at, recorded_at,
				  plan_version, pain_before, pain_after, symptom_shift, effort, walking_minutes, flare)
				values ('northside', md5('bench' || :patient)::uuid, gen_random_uuid(), gen_random_uuid()::text, now(), now(),
				  1, 3, 2, 'CENTRALIZING', 'RIGHT', null, false);
				""".formatted(PATIENTS).replace("\n  ", " ").replace("\ninsert", "\ninsert"));
		var url = URI.create(DATABASE.substring("jdbc:".length()));
		var process = new ProcessBuilder("pgbench", "-n", "-c", String.valueOf(USERS), "-j", "2", "-T",
				String.valueOf(MEASURE.toSeconds()), "-f", script.toString(), "-h", url.getHost(), "-p",
				String.valueOf(url.getPort()), "-U", "stride_owner", url.getPath().substring(1))
				.redirectErrorStream(true);
		process.environment().put("PGPASSWORD", "stride-owner");
		var output = new String(process.start().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try (var statement = database.createStatement()) {
			statement.execute("drop table public.bench_session");
		}
		database.commit();
		Files.delete(script);
		var tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
		if (!tps.find()) {
			throw new IllegalStateException("pgbench printed no rate (is Debian's postgresql-client installed?):\n" + output);
		}
		return Double.parseDouble(tps.group(1));
	}

	static void removeGenerated(Connection database) throws SQLException {
		try (var statement = database.createStatement()) {
			statement.execute("select set_config('stride.tenant_id', 'northside', true)");
			statement.execute("""
					delete from programs.session_exercise e using programs.session s, patients.patient p
					where e.session_id = s.id and s.patient_id = p.id and p.username like 'bench.session.%'""");
			statement.execute("""
					delete from programs.session s using patients.patient p
					where s.patient_id = p.id and p.username like 'bench.session.%'""");
			for (var table : List.of("programs.progression_suggestion", "programs.plan_version", "programs.plan")) {
				statement.execute("delete from " + table + " t using patients.patient p where t.patient_id = p.id"
						+ " and p.username like 'bench.session.%'");
			}
			statement.execute("delete from patients.patient where username like 'bench.session.%'");
		}
		database.commit();
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

	/** Patient accounts in realm stride, made and removed through Keycloak's admin API. */
	static final class KeycloakUsers {

		private KeycloakUsers() {}

		/** Creates (or finds) the user with the patient role in organization northside; returns its id. */
		static String patient(String username) throws Exception {
			var admin = adminToken();
			var base = KEYCLOAK + "/admin/realms/stride";
			var found = JSON.readTree(get(admin, base + "/users?exact=true&username=" + username));
			String id;
			if (found.size() > 0) {
				id = found.get(0).get("id").asString();
			} else {
				var created = send(admin, "POST", base + "/users", JSON.writeValueAsString(Map.of("username", username,
						"enabled", true, "firstName", "Bench", "lastName", "Patient", "email", username + "@bench.example",
						"emailVerified", true, "credentials",
						List.of(Map.of("type", "password", "value", "stride-demo", "temporary", false)))));
				id = created.substring(created.lastIndexOf('/') + 1);
			}
			var role = get(admin, base + "/roles/patient");
			send(admin, "POST", base + "/users/" + id + "/role-mappings/realm", "[" + role + "]");
			var member = JSON.readTree(get(admin, base + "/organizations/members/" + id + "/organizations"));
			if (member.isEmpty()) {
				String northside = null;
				for (var organization : JSON.readTree(get(admin, base + "/organizations?max=1000"))) {
					if ("northside".equals(organization.get("alias").asString())) {
						northside = organization.get("id").asString();
					}
				}
				if (northside == null) {
					throw new IllegalStateException("Keycloak has no organization northside: start Stride with its demo data.");
				}
				send(admin, "POST", base + "/organizations/" + northside + "/members", "\"" + id + "\"");
			}
			return id;
		}

		static void delete(String id) throws Exception {
			send(adminToken(), "DELETE", KEYCLOAK + "/admin/realms/stride/users/" + id, null);
		}

		private static String adminToken() throws Exception {
			var response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
					.build(), BodyHandlers.ofString());
			return JSON.readTree(response.body()).get("access_token").asString();
		}

		private static String get(String token, String url) throws Exception {
			var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET()
					.build(), BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}

		/** Sends the request; answers the Location header of a creation, or the body. */
		private static String send(String token, String method, String url, String body) throws Exception {
			var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
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

	private static String env(String name, String fallback) {
		var value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
