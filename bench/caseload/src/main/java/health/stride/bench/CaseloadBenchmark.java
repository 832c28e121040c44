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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the caseload API under load against a running Stride (the README's run command):
 * <ol>
 * <li>generates patients for the demo clinic {@code northside} straight into its tables (300 of
 * them on {@code pt.alex}'s caseload, the rest on other therapists'), with 90 days of activity in
 * the caseload read model;</li>
 * <li>signs {@code pt.alex} in at Keycloak for a real access token;</li>
 * <li>runs 32 concurrent users against {@code GET /api/me} (the baseline) and
 * {@code GET /api/caseload}, with 2,000 patients in the clinic, then again with 200,000;</li>
 * <li>prints throughput, p95 and p99, and removes what it generated.</li>
 * </ol>
 */
public final class CaseloadBenchmark {

	static final String APP = env("BENCH_APP_URL", "http://localhost:8080");
	static final String KEYCLOAK = env("BENCH_KEYCLOAK_URL", "http://localhost:8180");
	static final String DATABASE = env("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/stride");
	static final int USERS = Integer.parseInt(env("BENCH_USERS", "32"));
	static final Duration WARM_UP = Duration.ofSeconds(Long.parseLong(env("BENCH_WARM_UP_SECONDS", "10")));
	static final Duration MEASURE = Duration.ofSeconds(Long.parseLong(env("BENCH_MEASURE_SECONDS", "30")));
	static final int SMALL_CLINIC = 2_000;
	static final int LARGE_CLINIC = 200_000;
	static final int CASELOAD = 300;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CaseloadBenchmark() {}

	public static void main(String[] args) throws Exception {

		var health = HTTP.send(HttpRequest.newBuilder(URI.create(APP + "/actuator/health")).build(), BodyHandlers.ofString());
		if (health.statusCode() != 200) {
			System.err.println("Stride is not running at " + APP + ": start it with the README's run command first.");
			System.exit(1);
		}

		try (var database = DriverManager.getConnection(DATABASE, "stride_owner", "stride-owner")) {
			database.setAutoCommit(false);
			removeGenerated(database);
			try {
				generate(database, 0, SMALL_CLINIC);

				var baseline = load("/api/me");
				var small = load("/api/caseload?page=0&size=25");

				generate(database, SMALL_CLINIC, LARGE_CLINIC);
				var large = load("/api/caseload?page=0&size=25");

				System.out.printf("""

						caseload benchmark (%d concurrent users, %d s measured after %d s warm-up, pt.alex with %d patients)
						  GET /api/me, %,7d patients in the clinic:       %s
						  GET /api/caseload, %,7d patients in the clinic: %s
						  GET /api/caseload, %,7d patients in the clinic: %s
						  throughput caseload / baseline:  %.2f (goal: at least 0.5)
						  p95 at %,d / p95 at %,d:    %.2f (goal: at most 1.2)
						%n""", USERS, MEASURE.toSeconds(), WARM_UP.toSeconds(), CASELOAD, SMALL_CLINIC, baseline,
						SMALL_CLINIC, small, LARGE_CLINIC, large, small.throughput() / baseline.throughput(), LARGE_CLINIC,
						SMALL_CLINIC, large.p95() / small.p95());
			} finally {
				removeGenerated(database);
			}
		}
	}

	/** What one load run measured: requests per second and latency percentiles in milliseconds. */
	record Result(double throughput, double p50, double p95, double p99, int errors) {

		@Override
		public String toString() {
			return "%,8.0f req/s   p50 %6.1f ms   p95 %6.1f ms   p99 %6.1f ms   errors %d".formatted(throughput, p50, p95, p99,
					errors);
		}
	}

	static Result load(String path) throws Exception {

		var token = token("pt.alex");
		var request = HttpRequest.newBuilder(URI.create(APP + path)).header("Authorization", "Bearer " + token)
				.header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();

		run(request, WARM_UP, new ArrayList<>(), new AtomicInteger());

		var latencies = new ArrayList<long[]>();
		var errors = new AtomicInteger();
		var started = System.nanoTime();
		run(request, MEASURE, latencies, errors);
		var seconds = (System.nanoTime() - started) / 1e9;

		var all = latencies.stream().flatMapToLong(Arrays::stream).filter(it -> it > 0).sorted().toArray();
		return new Result(all.length / seconds, percentile(all, 0.50), percentile(all, 0.95), percentile(all, 0.99),
				errors.get());
	}

	/** {@code USERS} users, each sending the request again as soon as the answer is in, for the duration. */
	private static void run(HttpRequest request, Duration duration, List<long[]> latencies, AtomicInteger errors)
			throws InterruptedException {

		var until = System.nanoTime() + duration.toNanos();
		try (var users = Executors.newFixedThreadPool(USERS)) {
			for (int u = 0; u < USERS; u++) {
				var mine = new long[200_000];
				latencies.add(mine);
				users.submit(() -> {
					var n = 0;
					while (System.nanoTime() < until && n < mine.length) {
						var sent = System.nanoTime();
						try {
							var response = HTTP.send(request, BodyHandlers.discarding());
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
			users.shutdown();
			users.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
		}
	}

	private static double percentile(long[] sorted, double p) {
		return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	/** A real access token from the realm, as the CLI client gets one. */
	static String token(String username) throws Exception {

		var form = "grant_type=password&client_id=stride-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
				+ "&password=stride-demo&scope=openid";
		var response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/stride/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak refused the benchmark's sign-in: " + response.body());
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	/**
	 * Patients {@code from} to {@code to} (exclusive) of clinic northside, with their caseload rows: the
	 * first {@value #CASELOAD} on pt.alex's caseload, the others spread over 60 other therapists.
	 */
	static void generate(Connection database, int from, int to) throws SQLException {

		var started = System.nanoTime();
		try (var statement = database.createStatement()) {
			statement.execute("select set_config('stride.tenant_id', 'northside', true)");
			statement.execute("""
					insert into patients.patient (tenant_id, id, account_id, username, first_name, last_name, date_of_birth,
					    email, state, time_zone, status, created_at, status_changed_at)
					select 'northside', md5('bench' || i)::uuid, 'bench-' || i, 'bench.' || i,
					       (array['Olivia','Liam','Emma','Noah','Ava','Mateo','Zoe','Kenji','Amara','Lucas'])[1 + i %% 10],
					       'Bench' || i, date '1950-01-01' + (i %% 20000), 'bench' || i || '@bench.example', 'WA',
					       'America/Los_Angeles', 'ACTIVE', now() - interval '120 days', now() - interval '90 days'
					from generate_series(%1$d, %2$d - 1) i""".formatted(from, to));
			statement.execute("""
					insert into careteams.caseload_entry (tenant_id, patient_id, display_name, state, status,
					    therapist_username, coach_username, intake_completed_at, open_red_flags, last_pain_flare_at,
					    unanswered_messages, plan_assigned_at, last_session_at, ready_to_progress, last_activity_at)
					select 'northside', md5('bench' || i)::uuid,
					       (array['Olivia','Liam','Emma','Noah','Ava','Mateo','Zoe','Kenji','Amara','Lucas'])[1 + i %% 10]
					         || ' Bench' || i, 'WA', 'ACTIVE',
					       case when i < %3$d then 'pt.alex' else 'pt.bench' || (i %% 60) end, 'coach.rio',
					       now() - interval '100 days',
					       case when i %% 97 = 0 then 1 else 0 end,
					       case when i %% 23 = 0 then now() - (i %% 7) * interval '1 day' end,
					       case when i %% 11 = 0 then 1 + i %% 3 else 0 end,
					       case when i %% 13 = 0 then null else now() - interval '95 days' end,
					       case when i %% 13 = 0 then null else now() - (i %% 90) * interval '1 day' end,
					       i %% 9 = 0,
					       now() - (i %% 90) * interval '1 day' - (i %% 1440) * interval '1 minute'
					from generate_series(%1$d, %2$d - 1) i""".formatted(from, to, CASELOAD));
			statement.execute("analyze patients.patient");
			statement.execute("analyze careteams.caseload_entry");
		}
		database.commit();
		System.out.printf("generated patients %,d to %,d in %,d ms%n", from, to - 1, (System.nanoTime() - started) / 1_000_000);
	}

	static void removeGenerated(Connection database) throws SQLException {
		try (var statement = database.createStatement()) {
			statement.execute("select set_config('stride.tenant_id', 'northside', true)");
			statement.execute("""
					delete from careteams.caseload_entry e using patients.patient p
					where p.id = e.patient_id and p.username like 'bench.%'""");
			statement.execute("delete from patients.patient where username like 'bench.%'");
		}
		database.commit();
	}

	private static String env(String name, String fallback) {
		var value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
