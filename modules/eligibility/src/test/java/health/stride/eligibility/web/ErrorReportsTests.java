package health.stride.eligibility.web;

import static org.assertj.core.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import health.stride.eligibility.RosterImportId;
import health.stride.eligibility.RosterImportReport;
import health.stride.eligibility.RosterImportReport.LineError;
import health.stride.eligibility.RosterImportReport.Status;
import health.stride.eligibility.SponsorId;

class ErrorReportsTests {

	@Test
	void defusesCellsThatASpreadsheetWouldRunAsFormulas() {
		assertThat(ErrorReports.neutralised("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
		assertThat(ErrorReports.neutralised("+1")).isEqualTo("'+1");
		assertThat(ErrorReports.neutralised("-2")).isEqualTo("'-2");
		assertThat(ErrorReports.neutralised("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(ErrorReports.neutralised("\tx")).isEqualTo("'\tx");
		assertThat(ErrorReports.neutralised("The date is wrong.")).isEqualTo("The date is wrong.");
		assertThat(ErrorReports.neutralised("")).isEmpty();
	}

	@Test
	void writesEveryRejectedLineQuoted() {

		var report = new RosterImportReport(new RosterImportId(UUID.randomUUID()), new SponsorId(UUID.randomUUID()),
				Status.COMPLETED, "roster.csv", 10, 10, 2, 0, 0, 0, 2,
				List.of(new LineError(2, "=cmd|' /C calc'!A0"), new LineError(3, "The member id is missing, \"really\".")),
				null, Instant.now(), Instant.now());

		assertThat(ErrorReports.csv(report).lines()).containsExactly("\"line\",\"problem\"",
				"\"2\",\"'=cmd|' /C calc'!A0\"", "\"3\",\"The member id is missing, \"\"really\"\".\"");
	}
}
