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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the open slots of one clinician under load against a running Stride (started from its
 * jar, see the README):
 * <ol>
 * <li>enlists 199 generated clinicians of the demo clinic {@code northside} as hosts next to
 * {@code pt.alex}, all with Monday to Friday 08:00 to 17:00 in America/Los_Angeles, a 10-minute
 * buffer and at most 12 visits a day;</li>
 * <li>writes their visits straight into {@code visits.visit}: a week back and three weeks ahead
 * (what the measured window reads), measures, then the rest of a year back and up to 60 days ahead,
 * and measures again;</li>
 * <li>signs {@code patient.maya} (of pt.alex's care team) in at Keycloak for a real access token and
 * runs 32 concurrent users against {@code GET /api/me} (the baseline) and
 * {@code GET /api/clinicians/{alex}/availability} for the next 14 days;</li>
 * <li>measures both routes in turn, three rounds with the order swapped each round, once with each
 * history;</li>
 * <li>prints the medians of throughput, p50, p95 and p99 and the ratios against the goals, and removes what it wrote
 * (pt.alex's availability is put back as it was).</li>
 * </ol>
 */
public final class AvailabilityBenchmark {

	static final String APP = env("BENCH_APP_URL", "http://localhost:8080");
	static final String KEYCLOAK = env("BENCH_KEYCLOAK_URL", "http://localhost:8180");
	static final String DATABASE = env("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/stride");
	static final int USERS = Integer.parseInt(env("BENCH_USERS", "32"));
	static final Duration WARM_UP = Duration.ofSeconds(Long.parseLong(env("BENCH_WARM_UP_SECONDS", "5")));
	static final Duration MEASURE = Duration.ofSeconds(Long.parseLong(env("BENCH_MEASURE_SECONDS", "20")));
	static final int ROUNDS = Integer.parseInt(env("BENCH_ROUNDS", "3"));
	static final Duration FIRST_WARM_UP = Duration.ofSeconds(Long.parseLong(env("BENCH_FIRST_WARM_UP_SECONDS", "30")));
	static final String CLINICIAN = env("BENCH_CLINICIAN", "pt.alex");
	static final String PATIENT = env("BENCH_PATIENT", "patient.maya");
	static final String CLINIC = "northside";
	static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
	static final int CLINICIANS = 200;
	static final int WINDOW_DAYS = 14;

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AvailabilityBenchmark() {}

	public static void main(String[] args) throws Exception {

		var health = HTTP.send(HttpRequest.newBuilder(URI.create(APP + "/actuator/health")).build(), BodyHandlers.ofString());
		if (health.statusCode() != 200) {
			System.err.println("Stride is not running at " + APP + ": start it as bench/README.md says first.");
			System.exit(1);
		}

		try (var database = DriverManager.getConnection(DATABASE, "stride_owner", "stride-owner")) {
			database.setAutoCommit(false);
			var alex = hostId(database, CLINICIAN);
			var saved = Saved.of(database, alex);
			removeGenerated(database, alex, saved);
			try {
				enlist(database, alex);
				var today = LocalDate.now(ZONE);
				var availability = "/api/clinicians/%s/availability?from=%s&to=%s&type=follow-up".formatted(alex, today,
						today.plusDays(WINDOW_DAYS));

				var week = generate(database, alex, -7, 21);
				var slotsInWeek = check(availability);
				// a freshly started JVM compiles its hot paths for a minute or so: both routes warm up first
				warmUp(availability);
				warmUp("/api/me");
				var small = rounds(availability);

				var year = week + generate(database, alex, -365, -8) + generate(database, alex, 22, 60);
				var slotsInYear = check(availability);
				var large = rounds(availability);

				System.out.printf("""

						visits benchmark (%d concurrent users; %d rounds of %d s measured after %d s warm-up per route, the
						routes in turn and the order swapped each round; medians; %d clinicians; %s asks for %s's open
						follow-up slots from %s to %s: %d slots with a week of history, %d with a year)
						  GET /api/me,          week of history (%,7d visits): %s
						  GET .../availability, week of history (%,7d visits): %s
						  GET /api/me,          year of history (%,7d visits): %s
						  GET .../availability, year of history (%,7d visits): %s
						  throughput availability / baseline, week of history: %.2f (goal: at least 0.5)
						  throughput availability / baseline, year of history: %.2f (goal: at least 0.5)
						  p95 with a year of history / p95 with a week:        %.2f (goal: at most 1.2)
						%n""", USERS, ROUNDS, MEASURE.toSeconds(), WARM_UP.toSeconds(), CLINICIANS, PATIENT, CLINICIAN,
						today, today.plusDays(WINDOW_DAYS), slotsInWeek, slotsInYear, week, small.baseline(), week,
						small.availability(), year, large.baseline(), year, large.availability(), small.ratio(), large.ratio(),
						large.availability().p95() / small.availability().p95());
			} finally {
				removeGenerated(database, alex, saved);
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

	/** The medians of the rounds of both routes: the baseline's and the measured route's. */
	record Rounds(Result baseline, Result availability) {

		double ratio() {
			return availability.throughput() / baseline.throughput();
		}
	}

	/**
	 * {@code ROUNDS} rounds of the baseline and the measured route in turn, the order swapped every
	 * round, so that a drift of the machine or of the JIT during the run weighs on both alike; the
	 * medians of each.
	 */
	static Rounds rounds(String path) throws Exception {
		var baseline = new ArrayList<Result>();
		var measured = new ArrayList<Result>();
		for (int round = 0; round < ROUNDS; round++) {
			if (round % 2 == 0) {
				baseline.add(load("/api/me"));
				measured.add(load(path));
			} else {
				measured.add(load(path));
				baseline.add(load("/api/me"));
			}
		}
		return new Rounds(Result.median(baseline), Result.median(measured));
	}

	/** One request before the load: the route answers 200 with the slots, or the benchmark stops with the answer. */
	static int check(String path) throws Exception {
		var response = HTTP.send(request(path, token(PATIENT)), BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		var slots = JSON.readTree(response.body());
		if (!slots.isArray() || slots.isEmpty() || !slots.get(0).has("startsAt") || !slots.get(0).has("endsAt")) {
			throw new IllegalStateException("GET " + path + " answered no open slots: " + response.body());
		}
		return slots.size();
	}

	static Result load(String path) throws Exception {

		var request = request(path, token(PATIENT));
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

	static void warmUp(String path) throws Exception {
		run(request(path, token(PATIENT)), FIRST_WARM_UP, new ArrayList<>(), new AtomicInteger());
	}

	private static HttpRequest request(String path, String token) {
		return HttpRequest.newBuilder(URI.create(APP + path)).header("Authorization", "Bearer " + token)
				.header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
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

	static UUID hostId(Connection database, String username) throws SQLException {
		try (var statement = database.prepareStatement("select id from visits.host where username = ?")) {
			tenant(database);
			statement.setString(1, username);
			try (var rows = statement.executeQuery()) {
				if (!rows.next()) {
					throw new IllegalStateException(username + " is not enlisted as a host of " + CLINIC);
				}
				var id = rows.getObject(1, UUID.class);
				database.commit();
				return id;
			}
		}
	}

	/** The measured clinician's availability before the benchmark changed it, put back at the end. */
	record Saved(String timeZone, String buffer, int maxPerDay, List<String[]> week) {

		static Saved of(Connection database, UUID host) throws SQLException {
			tenant(database);
			try (var statement = database.createStatement()) {
				String zone;
				String buffer;
				int maxPerDay;
				try (var rows = statement.executeQuery(
						"select time_zone, buffer::text, max_per_day from visits.host where id = '" + host + "'")) {
					rows.next();
					zone = rows.getString(1);
					buffer = rows.getString(2);
					maxPerDay = rows.getInt(3);
				}
				var week = new ArrayList<String[]>();
				try (var rows = statement.executeQuery(
						"select weekday, starts::text, ends::text from visits.weekly_hours where host_id = '" + host + "'")) {
					while (rows.next()) {
						week.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3) });
					}
				}
				database.commit();
				return new Saved(zone, buffer, maxPerDay, week);
			}
		}

		void restore(Connection database, UUID host) throws SQLException {
			try (var update = database.prepareStatement(
					"update visits.host set time_zone = ?, buffer = ?::interval, max_per_day = ? where id = ?");
					var insert = database.prepareStatement(
							"insert into visits.weekly_hours (host_id, weekday, starts, ends) values (?, ?::int, ?::time, ?::time)");
					var statement = database.createStatement()) {
				statement.execute("delete from visits.weekly_hours where host_id = '" + host + "'");
				update.setString(1, timeZone);
				update.setString(2, buffer);
				update.setInt(3, maxPerDay);
				update.setObject(4, host);
				update.executeUpdate();
				for (var hours : week) {
					insert.setObject(1, host);
					insert.setString(2, hours[0]);
					insert.setString(3, hours[1]);
					insert.setString(4, hours[2]);
					insert.executeUpdate();
				}
			}
		}
	}

	/**
	 * 199 generated clinicians next to the measured one, all with the same week: Monday to Friday
	 * 08:00 to 17:00 in America/Los_Angeles, a 10-minute buffer, at most 12 visits a day.
	 */
	static void enlist(Connection database, UUID alex) throws SQLException {
		tenant(database);
		try (var statement = database.createStatement()) {
			statement.execute("""
					insert into visits.host (id, username, display_name, kind, time_zone, buffer, max_per_day)
					select md5('bench-host' || i)::uuid, 'bench.pt' || i, 'Bench Clinician ' || i, 'THERAPIST',
					       'America/Los_Angeles', interval '10 minutes', 12
					from generate_series(1, %d) i""".formatted(CLINICIANS - 1));
			statement.execute("""
					update visits.host set time_zone = 'America/Los_Angeles', buffer = interval '10 minutes', max_per_day = 12
					where id = '%s'""".formatted(alex));
			statement.execute("delete from visits.weekly_hours where host_id = '%s'".formatted(alex));
			statement.execute("""
					insert into visits.weekly_hours (host_id, weekday, starts, ends)
					select h.id, d, time '08:00', time '17:00'
					from visits.host h cross join generate_series(1, 5) d
					where h.username like 'bench.pt%%' or h.id = '%s'""".formatted(alex));
		}
		database.commit();
	}

	/**
	 * The visits of all 200 clinicians on the weekdays from {@code first} to {@code last} days from
	 * today (in the clinic's zone): 6 to 9 a day each, one to an hour from 08:00 (a quarter past for
	 * every other clinician), the first of some days an initial evaluation (45 minutes), the others
	 * follow-ups (30 minutes). Past visits are completed (85 %), cancelled (10 %) or missed; future ones
	 * booked (90 %) or cancelled. Inserted in the order they would have been booked over time, day by
	 * day. A generated visit that overlaps one the measured clinician already had is left out.
	 */
	static int generate(Connection database, UUID alex, int first, int last) throws SQLException {

		var started = System.nanoTime();
		tenant(database);
		int inserted;
		try (var statement = database.createStatement()) {
			inserted = statement.executeUpdate("""
					with host as (
					    select id, row_number() over (order by username) as n
					    from visits.host where username like 'bench.pt%%' or id = '%3$s'),
					day as (
					    select d::date as day
					    from generate_series((now() at time zone 'America/Los_Angeles')::date + %1$d,
					                         (now() at time zone 'America/Los_Angeles')::date + %2$d, interval '1 day') d
					    where extract(isodow from d) < 6),
					planned as (
					    select h.id as host_id, h.n, d.day, k, 6 + abs(hashtext(h.n || ':' || d.day)) %% 4 as per_day
					    from host h cross join day d cross join generate_series(0, 8) k),
					visit as (
					    select host_id, n, day, k,
					           (day + make_time(8 + k * 9 / per_day, (n %% 2)::int * 15, 0)) at time zone 'America/Los_Angeles'
					             as starts_at,
					           case when k = 0 and (n + extract(doy from day)::int) %% 5 = 0 then 'initial-evaluation'
					                else 'follow-up' end as type_key,
					           abs(hashtext(n || ':' || day || ':' || k)) %% 20 as dice
					    from planned where k < per_day)
					insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
					                          booked_by, booked_at, cancelled_by, cancelled_at)
					select gen_random_uuid(), md5('bench-patient' || n || ':' || day || ':' || k)::uuid, host_id, type_key,
					       starts_at, starts_at + length, starts_at + length + interval '10 minutes', status,
					       'bench', starts_at - interval '9 days',
					       case when status = 'CANCELLED' then 'bench' end,
					       case when status = 'CANCELLED' then starts_at - interval '2 days' end
					from (select v.*,
					             case when type_key = 'initial-evaluation' then interval '45 minutes'
					                  else interval '30 minutes' end as length,
					             case when starts_at < now() then
					                      case when dice < 2 then 'CANCELLED' when dice = 2 then 'MISSED' else 'COMPLETED' end
					                  else case when dice < 2 then 'CANCELLED' else 'BOOKED' end end as status
					      from visit v) v
					order by starts_at, n
					on conflict do nothing""".formatted(first, last, alex));
			statement.execute("analyze visits.visit");
		}
		database.commit();
		System.out.printf("generated %,d visits on days %d to %d in %,d ms%n", inserted, first, last,
				(System.nanoTime() - started) / 1_000_000);
		return inserted;
	}

	static void removeGenerated(Connection database, UUID alex, Saved saved) throws SQLException {
		tenant(database);
		try (var statement = database.createStatement()) {
			var visits = statement.executeUpdate("delete from visits.visit where booked_by = 'bench'");
			statement.execute("""
					delete from visits.weekly_hours w using visits.host h
					where h.id = w.host_id and h.username like 'bench.pt%'""");
			statement.execute("delete from visits.host where username like 'bench.pt%'");
			saved.restore(database, alex);
			if (visits > 0) {
				System.out.printf("removed %,d generated visits%n", visits);
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
