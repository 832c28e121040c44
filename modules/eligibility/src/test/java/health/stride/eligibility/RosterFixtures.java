package health.stride.eligibility;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;

import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Test data: a sponsor's roster, imported through the real import, waited for. */
final class RosterFixtures {

	static final String HEADER = "member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n";

	private RosterFixtures() {}

	static RosterImportReport importRoster(RosterImports rosters, TenantId clinic, SponsorSummary sponsor, String csv) {

		var id = CurrentTenant.callAs(clinic, () -> rosters.submit(sponsor, "roster.csv",
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test"));

		return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
				.until(() -> CurrentTenant.callAs(clinic, () -> rosters.report(id)).orElseThrow(),
						report -> report.status().finished());
	}
}
