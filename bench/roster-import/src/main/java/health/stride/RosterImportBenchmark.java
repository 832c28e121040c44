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
import java.util.Random;

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
	static final int WARM_UP_MEMBERS = Math.max(1, MEMBERS / 5);

	public static void main(String[] args) throws Exception {

		var file = generate(MEMBERS);
		var context = new SpringApplicationBuilder(RosterImportBenchmark.class).web(WebApplicationType.NONE).run(args);

		try {
			var clinics = context.getBean(ClinicRegistry.class);
			var sponsors = context.getBean(SponsorManagement.class);
			var imports = context.getBean(RosterImports.class);
			var clinic = clinics.register(TenantId.of("bench-" + System.nanoTime()), "Benchmark Clinic").tenant();

			// a running server has imported before: warm up the same code on a smaller roster of another sponsor
			var warmUp = generate(WARM_UP_MEMBERS);
			importRoster(clinic, sponsors, imports, "WARMUP", warmUp);
			Files.deleteIfExists(warmUp);

			resetPeaks();
			var started = System.nanoTime();
			var report = importRoster(clinic, sponsors, imports, "BENCH", file);


			var importTime = Duration.ofNanos(System.nanoTime() - started);
			var peakHeap = peakHeapBytes();

			if (report.status() != Status.COMPLETED || report.added() != MEMBERS) {
				throw new IllegalStateException("The import did not complete as expected: " + report);
			}

			var copyTime = bareCopy(context.getBean(FlywayConnectionDetails.class), file);
			var ratio = (double) importTime.toMillis() / copyTime.toMillis();

			System.out.printf("""

					roster import benchmark
					  members:              %,d (%,d bytes)
					  end-to-end import:    %,d ms (%,.0f rows/s), added %,d, rejected %,d
					  bare COPY, same file: %,d ms
					  ratio import / COPY:  %.2f (goal: at most 3)
					  peak heap:            %,d MB (goal: at most 256 MB with -Xmx256m; max heap %,d MB)
					%n""", MEMBERS, Files.size(file), importTime.toMillis(), MEMBERS / (importTime.toMillis() / 1000.0),
					report.added(), report.rejected(), copyTime.toMillis(), ratio, peakHeap / (1024 * 1024),
					Runtime.getRuntime().maxMemory() / (1024 * 1024));
		} finally {
			context.close();
			Files.deleteIfExists(file);
		}
	}

	static RosterImportReport importRoster(TenantId clinic, SponsorManagement sponsors, RosterImports imports,
			String code, Path file) {
		return CurrentTenant.callAs(clinic, () -> {
			var sponsor = sponsors.register(SponsorCode.of(code), "Benchmark Health Plan " + code, SponsorKind.HEALTH_PLAN,
					null, null);
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
		};
	}

	static Path generate(int members) throws IOException {

		var file = Files.createTempFile("stride-bench-roster-", ".csv");
		var random = new Random(1);
		String[] first = { "Olivia", "Liam", "Emma", "Noah", "José", "Zoë", "Mateo", "Amara", "Kenji", "Fatima" };
		String[] last = { "Johnson", "García", "Nguyen", "O'Neill", "Núñez-García", "Kim", "Haddad", "Rossi", "Silva" };

		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n");
			for (int i = 0; i < members; i++) {
				var born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000));
				out.write("M%07d,%s,\"%s\",%s,m%d@members.example,2025-01-01,%s\n".formatted(i, first[i % first.length],
						last[random.nextInt(last.length)], born, i, i % 10 == 0 ? "2027-12-31" : ""));
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
