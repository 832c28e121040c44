package health.stride;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

import health.stride.eligibility.RosterImportReport;
import health.stride.eligibility.RosterImportReport.Status;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Imports a generated roster of 1,000,000 members end to end (spooling, parsing, staging with
 * COPY, the set-based apply, in one transaction) on an embedded PostgreSQL, then loads the same
 * file with a bare {@code COPY ... (format csv)} into an unindexed table, and prints both times,
 * their ratio and the peak heap of this JVM (run with {@code -Xmx256m}).
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
public class RosterImportBenchmark {

	static final int MEMBERS = Integer.parseInt(System.getenv().getOrDefault("BENCH_MEMBERS", "1000000"));
	static final int RUNS = 5;
	static final int WARM_UP_MEMBERS = Math.max(1, MEMBERS / 5);

	public static void main(String[] args) throws Exception {

		var file = generate(MEMBERS, false);
		var context = new SpringApplicationBuilder(RosterImportBenchmark.class).web(WebApplicationType.NONE).run(args);

		try {
			var clinics = context.getBean(ClinicRegistry.class);
			var sponsors = context.getBean(SponsorManagement.class);
			var imports = context.getBean(RosterImports.class);
			var clinic = clinics.register(TenantId.of("bench-" + System.nanoTime()), "Benchmark Clinic").tenant();

			// a running server has imported before: warm up the same code on a smaller roster of another sponsor
			var warmUp = generate(WARM_UP_MEMBERS, false);
			importRoster(clinic, imports, register(clinic, sponsors, "WARMUP"), warmUp);
			Files.deleteIfExists(warmUp);

			// first imports (each into a sponsor of its own) and bare COPYs of the same file, taken in turns
			// so that both see the machine as it is at the time; the ratio is that of the medians
			var sponsor = register(clinic, sponsors, "BENCH1");
			var importTimes = new ArrayList<Duration>();
			var copyTimes = new ArrayList<Duration>();
			var peakHeap = 0L;
			RosterImportReport report = null;
			for (int run = 1; run <= RUNS; run++) {
				var target = run == 1 ? sponsor : register(clinic, sponsors, "BENCH" + run);
				resetPeaks();
				var started = System.nanoTime();
				report = importRoster(clinic, imports, target, file);
				importTimes.add(Duration.ofNanos(System.nanoTime() - started));
				peakHeap = Math.max(peakHeap, peakHeapBytes());
				if (report.status() != Status.COMPLETED || report.added() != MEMBERS) {
					throw new IllegalStateException("The import did not complete as expected: " + report);
				}
				copyTimes.add(bareCopy(context.getBean(FlywayConnectionDetails.class), file));
			}
			var importTime = median(importTimes);
			var copyTime = median(copyTimes);
			var ratio = (double) importTime.toMillis() / copyTime.toMillis();

			// the monthly case: the same roster again, then one with 1 % changed and 1 % gone
			var started = System.nanoTime();
			var same = importRoster(clinic, imports, sponsor, file);
			var sameTime = Duration.ofNanos(System.nanoTime() - started);
			var next = generate(MEMBERS, true);
			started = System.nanoTime();
			var changed = importRoster(clinic, imports, sponsor, next);
			var changedTime = Duration.ofNanos(System.nanoTime() - started);
			Files.deleteIfExists(next);

			System.out.printf("""

					roster import benchmark
					  members:              %,d (%,d bytes)
					  end-to-end import:    %,d ms median of %s (%,.0f rows/s), added %,d, rejected %,d
					  bare COPY, same file: %,d ms median of %s
					  ratio import / COPY:  %.2f (goal: at most 3)
					  peak heap:            %,d MB (goal: at most 256 MB with -Xmx256m; max heap %,d MB)
					  same file again:      %,d ms (added %,d, updated %,d, terminated %,d)
					  1 %% changed, 1 %% gone: %,d ms (added %,d, updated %,d, terminated %,d)
					%n""", MEMBERS, Files.size(file), importTime.toMillis(), millis(importTimes),
					MEMBERS / (importTime.toMillis() / 1000.0), report.added(), report.rejected(), copyTime.toMillis(),
					millis(copyTimes), ratio, peakHeap / (1024 * 1024),
					Runtime.getRuntime().maxMemory() / (1024 * 1024), sameTime.toMillis(), same.added(), same.updated(),
					same.terminated(), changedTime.toMillis(), changed.added(), changed.updated(), changed.terminated());
		} finally {
			context.close();
			Files.deleteIfExists(file);
		}
	}

	static Duration median(List<Duration> times) {
		return times.stream().sorted().toList().get(times.size() / 2);
	}

	static String millis(List<Duration> times) {
		return times.stream().map(time -> "%,d".formatted(time.toMillis())).collect(Collectors.joining(" / ", "", " ms"));
	}

	static SponsorSummary register(TenantId clinic, SponsorManagement sponsors, String code) {
		return CurrentTenant.callAs(clinic, () -> sponsors.register(SponsorCode.of(code), "Benchmark Health Plan " + code,
				SponsorKind.HEALTH_PLAN, null, null));
	}

	static RosterImportReport importRoster(TenantId clinic, RosterImports imports, SponsorSummary sponsor, Path file) {
		return CurrentTenant.callAs(clinic, () -> {
			try (InputStream content = Files.newInputStream(file)) {
				var id = imports.submit(sponsor, file.getFileName() + ".csv", content, "benchmark");
				while (true) {
					var current = imports.report(id).orElseThrow();
					if (current.status().finished()) {
						return current;
					}
					Thread.sleep(50);
				}
			} catch (IOException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
		});
	}

	/** The system's own Accounts adapter lives in the application; the benchmark signs nobody up. */
	@Bean
	Accounts accounts() {
		return new Accounts() {
			@Override
			public AccountId create(TenantId clinic, NewAccount account, Role role) {
				throw new UnsupportedOperationException("not used by the benchmark");
			}

			@Override
			public void delete(AccountId account) {}

			@Override
			public void disable(AccountId account) {}

			@Override
			public void revoke(TenantId clinic, String username, @org.jspecify.annotations.Nullable AccountId account) {}
		};
	}

	/** A roster; the next month's has every hundredth member gone and the one after each a new email. */
	static Path generate(int members, boolean nextMonth) throws IOException {

		var file = Files.createTempFile("stride-bench-roster-", ".csv");
		var random = new Random(1);
		String[] first = { "Olivia", "Liam", "Emma", "Noah", "José", "Zoë", "Mateo", "Amara", "Kenji", "Fatima" };
		String[] last = { "Johnson", "García", "Nguyen", "O'Neill", "Núñez-García", "Kim", "Haddad", "Rossi", "Silva" };

		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n");
			for (int i = 0; i < members; i++) {
				var born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000));
				var lastName = last[random.nextInt(last.length)];
				if (nextMonth && i % 100 == 1) {
					continue;
				}
				var email = nextMonth && i % 100 == 2 ? "m%d@new.example".formatted(i) : "m%d@members.example".formatted(i);
				out.write("M%07d,%s,\"%s\",%s,%s,2025-01-01,%s\n".formatted(i, first[i % first.length], lastName, born,
						email, i % 10 == 0 ? "2027-12-31" : ""));
			}
		}
		return file;
	}

	static Duration bareCopy(FlywayConnectionDetails owner, Path file) throws Exception {
		try (var connection = DriverManager.getConnection(owner.getJdbcUrl(), owner.getUsername(), owner.getPassword());
				var statement = connection.createStatement();
				var content = Files.newInputStream(file)) {
			statement.execute("""
					create temporary table bare_copy (member_id text, first_name text, last_name text,
					    date_of_birth date, email text, coverage_start date, coverage_end date)""");
			var started = System.nanoTime();
			connection.unwrap(PGConnection.class).getCopyAPI()
					.copyIn("copy bare_copy from stdin (format csv, header true)", content);
			return Duration.ofNanos(System.nanoTime() - started);
		}
	}

	static void resetPeaks() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	static long peakHeapBytes() {
		return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
				.mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
	}
}
