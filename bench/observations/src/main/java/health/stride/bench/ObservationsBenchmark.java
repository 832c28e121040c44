package health.stride.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * Measures a FHIR search of a patient's observations under load against a running Stride (started from its
 * jar, see the README):
 * <ol>
 * <li>gives the demo patient {@code patient.maya} of clinic {@code northside} 2,000 sessions, one an hour
 * back from now, written straight into {@code programs.session} (each with its pain before and after, a
 * quarter of them with walking minutes), and has PostgreSQL gather the table's statistics;</li>
 * <li>signs the reader in at Keycloak for a real access token with the SMART scope of their role:
 * {@code openid patient/*.read} for a patient (the default, Maya herself), {@code openid user/*.read} for a
 * clinician of her care team ({@code BENCH_READER=pt.alex});</li>
 * <li>checks that {@code GET /fhir/Observation?subject=Patient/<maya>&_sort=-date&_count=50} answers a
 * search set of 50 with a {@code next} link;</li>
 * <li>runs 32 concurrent users against it and against {@code GET /api/me} (the baseline, same token): both
 * warmed up first, then measured in turn, three rounds with the order swapped each round;</li>
 * <li>prints the medians of throughput, p50, p95 and p99, and the p95 ratio against the goal (at most 1.5),
 * and removes the sessions it wrote.</li>
 * </ol>
 */
public final class ObservationsBenchmark {

	static final String APP = env("BENCH_APP_URL", "http://localhost:8080");
	static final String KEYCLOAK = env("BENCH_KEYCLOAK_URL", "http://localhost:8180");
	static final String DATABASE = env("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/stride");
	static final int USERS = Integer.parseInt(env("BENCH_USERS", "32"));
	static final Duration FIRST_WARM_UP = Duration.ofSeconds(Long.parseLong(env("BENCH_FIRST_WARM_UP_SECONDS", "30")));
	static final Duration WARM_UP = Duration.ofSeconds(Long.parseLong(env("BENCH_WARM_UP_SECONDS", "5")));
	static final Duration MEASURE = Duration.ofSeconds(Long.parseLong(env("BENCH_MEASURE_SECONDS", "30")));
	static final int ROUNDS = Integer.parseInt(env("BENCH_ROUNDS", "3"));
	static final int SESSIONS = Integer.parseInt(env("BENCH_SESSIONS", "2000"));
	static final String PATIENT = env("BENCH_PATIENT", "patient.maya");
	/** Who reads: the patient (scope patient/*.read) or a clinician of their care team (scope user/*.read). */
	static final String READER = env("BENCH_READER", PATIENT);
	static final String CLINIC = "northside";
	static final String KEY_PREFIX = "bench-fhir-";
	static final int PAGE = 50;

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ObservationsBenchmark() {}

	public static void main(String[] args) throws Exception {

		var health = HTTP.send(HttpRequest.newBuilder(URI.create(APP + "/actuator/health")).build(), BodyHandlers.ofString());
		if (health.statusCode() != 200) {
			System.err.println("Stride is not running at " + APP + ": start it as bench/README.md says first.");
			System.exit(1);
		}

		try (var database = DriverManager.getConnection(DATABASE, "stride_owner", "stride-owner")) {
			database.setAutoCommit(false);
			var maya = patientId(database, PATIENT);
			removeGenerated(database);
			try {
				var sessions = generate(database, maya);
				var scope = READER.equals(PATIENT) ? "openid patient/*.read" : "openid user/*.read";
				var token = token(READER, scope);
				var search = "/fhir/Observation?subject=Patient/%s&_sort=-date&_count=%d".formatted(maya, PAGE);
				check(search, token);

				// a freshly started JVM compiles its hot paths for a minute or so: both routes warm up first
				run(request(search, token), FIRST_WARM_UP, new ArrayList<>(), new AtomicInteger());
				run(request("/api/me", token), FIRST_WARM_UP, new ArrayList<>(), new AtomicInteger());
				var baseline = new ArrayList<Result>();
				var measured = new ArrayList<Result>();
				for (int round = 0; round < ROUNDS; round++) {
					if (round % 2 == 0) {
						baseline.add(load("/api/me", token));
						measured.add(load(search, token));
					} else {
						measured.add(load(search, token));
						baseline.add(load("/api/me", token));
					}
				}
				var me = Result.median(baseline);
				var observations = Result.median(measured);

				System.out.printf("""

						FHIR observations benchmark (%d concurrent users; %d rounds of %d s measured after %d s warm-up per
						route, the routes in turn and the order swapped each round; medians; %s reads with scope "%s";
						%s has %,d sessions, %,d written by the benchmark)
						  GET /api/me:                                    %s
						  GET /fhir/Observation?subject=&_sort=-date&_count=%d: %s
						  throughput observations / baseline: %.2f
						  p95 observations / p95 baseline:    %.2f (goal: at most 1.5)
						%n""", USERS, ROUNDS, MEASURE.toSeconds(), WARM_UP.toSeconds(), READER, scope, PATIENT,
						countSessions(database, maya), sessions, me, PAGE, observations,
						observations.throughput() / me.throughput(), observations.p95() / me.p95());
			} finally {
				removeGenerated(database);
			}
		}
	}

	/** What one load run measured: requests per second and latency percentiles in milliseconds. */
	record Result(double throughput, double p50, double p95, double p99, int errors) {

		/** Each figure's median over the runs; errors summed. */
		static Result median(List<Result> runs) {
			return new Result(median(runs, Result::throughput), median(runs, Result::p50), median(runs, Result::p95),
					median(runs, Result::p99), runs.stream().mapToInt(Result::errors).sum());
		}

		private static double median(List<Result> runs, java.util.function.ToDoubleFunction<Result> figure) {
			var sorted = runs.stream().mapToDouble(figure).sorted().toArray();
			return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
					: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
		}

		@Override
		public String toString() {
			return "%,6.0f req/s   p50 %6.1f ms   p95 %6.1f ms   p99 %6.1f ms   errors %d".formatted(throughput, p50, p95, p99,
					errors);
		}
	}

	/**
	 * One request before the load: a search set of a full page with a next link, or the benchmark stops with
	 * the answer (a 401 or 403 here usually means the realm lacks the SMART client scopes).
	 */
	static void check(String path, String token) throws Exception {
		var response = HTTP.send(request(path, token), BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		var bundle = JSON.readTree(response.body());
		var entries = bundle.path("entry");
		var next = false;
		for (var link : bundle.path("link")) {
			next |= "next".equals(link.path("relation").asString());
		}
		if (!"Bundle".equals(bundle.path("resourceType").asString()) || entries.size() != PAGE || !next) {
			throw new IllegalStateException("GET " + path + " answered no full page with a next link: " + response.body());
		}
	}

	static Result load(String path, String token) throws Exception {

		var request = request(path, token);
		run(request, WARM_UP, new ArrayList<>(), new AtomicInteger());

		var latencies = new ArrayList<long[]>();
		var errors = new AtomicInteger();
		var started = System.nanoTime();
		run(request, MEASURE, latencies, errors);
		var seconds = (System.nanoTime() - started) / 1e9;

		var all = latencies.stream().flatMapToLong(Arrays::stream).filter(it -> it > 0).sorted().toArray();
		var result = new Result(all.length / seconds, percentile(all, 0.50), percentile(all, 0.95), percentile(all, 0.99),
				errors.get());
		System.out.printf("measured GET %s: %s%n", path, result);
		return result;
	}

	private static HttpRequest request(String path, String token) {
		return HttpRequest.newBuilder(URI.create(APP + path)).header("Authorization", "Bearer " + token)
				.header("Accept", path.startsWith("/fhir") ? "application/fhir+json" : "application/json")
				.timeout(Duration.ofSeconds(30)).build();
	}

	/**
	 * {@code USERS} users, each sending the request again as soon as the answer is in, for the duration.
	 * Virtual threads: the load generator waits on sockets and leaves the cores to the application.
	 */
	private static void run(HttpRequest request, Duration duration, List<long[]> latencies, AtomicInteger errors) {

		var until = System.nanoTime() + duration.toNanos();
		try (var users = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int u = 0; u < USERS; u++) {
				var mine = new long[200_000];
				latencies.add(mine);
				users.submit(() -> {
					var n = 0;
					while (System.nanoTime() < until && n < mine.length) {
						var sent = System.nanoTime();
						try {
							var response = HTTP.send(request, BodyHandlers.ofByteArray());
							if (response.statusCode() == 200) {
								mine[n++] = System.nanoTime() - sent;
							} else {
								errors.incrementAndGet();
							}
						} catch (Exception e) {
							errors.incrementAndGet();
						}
					}
				});
			}
		}
	}

	private static double percentile(long[] sorted, double p) {
		return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	/** A real access token from the realm with the scope asked for, as the CLI client gets one. */
	static String token(String username, String scope) throws Exception {

		var form = "grant_type=password&client_id=stride-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
				+ "&password=stride-demo&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
		var response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/stride/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak refused the benchmark's sign-in with scope \"" + scope
					+ "\" (the realm needs the SMART client scopes): " + response.body());
		}
		var granted = JSON.readTree(response.body()).path("scope").asString();
		if (!List.of(granted.split(" ")).contains(scope.substring("openid ".length()))) {
			throw new IllegalStateException("Keycloak did not grant " + scope + ", only: " + granted);
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	static UUID patientId(Connection database, String username) throws SQLException {
		tenant(database);
		try (var statement = database.prepareStatement("select id from patients.patient where username = ?")) {
			statement.setString(1, username);
			try (var rows = statement.executeQuery()) {
				if (!rows.next()) {
					throw new IllegalStateException(username + " is not a patient of " + CLINIC + ": start Stride with its demo data.");
				}
				var id = rows.getObject(1, UUID.class);
				database.commit();
				return id;
			}
		}
	}

	/**
	 * The patient's sessions: one an hour back from now (83 days for 2,000), pain before 0 to 10 and after it
	 * a point lower or higher, walking minutes on every fourth.
	 */
	static int generate(Connection database, UUID patient) throws SQLException {
		var started = System.nanoTime();
		tenant(database);
		int inserted;
		try (var statement = database.prepareStatement("""
				insert into programs.session (patient_id, id, idempotency_key, performed_at, recorded_at, plan_version,
				    pain_before, pain_after, symptom_shift, effort, walking_minutes, flare)
				select ?, gen_random_uuid(), ? || i, now() - make_interval(hours => i), now() - make_interval(hours => i), 1,
				       i % 11, greatest(0, least(10, i % 11 + (i % 3) - 1)), 'NONE', 'RIGHT',
				       case when i % 4 = 0 then 10 + i % 20 end, false
				from generate_series(1, ?) i""")) {
			statement.setObject(1, patient);
			statement.setString(2, KEY_PREFIX);
			statement.setInt(3, SESSIONS);
			inserted = statement.executeUpdate();
		}
		try (var statement = database.createStatement()) {
			statement.execute("analyze programs.session");
		}
		database.commit();
		System.out.printf("generated %,d sessions for %s in %,d ms%n", inserted, PATIENT, (System.nanoTime() - started) / 1_000_000);
		return inserted;
	}

	static long countSessions(Connection database, UUID patient) throws SQLException {
		tenant(database);
		try (var statement = database.prepareStatement("select count(*) from programs.session where patient_id = ?")) {
			statement.setObject(1, patient);
			try (var rows = statement.executeQuery()) {
				rows.next();
				var count = rows.getLong(1);
				database.commit();
				return count;
			}
		}
	}

	static void removeGenerated(Connection database) throws SQLException {
		tenant(database);
		try (var statement = database.prepareStatement("delete from programs.session where idempotency_key like ?")) {
			statement.setString(1, KEY_PREFIX + "%");
			var removed = statement.executeUpdate();
			if (removed > 0) {
				System.out.printf("removed %,d generated sessions%n", removed);
			}
		}
		database.commit();
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
