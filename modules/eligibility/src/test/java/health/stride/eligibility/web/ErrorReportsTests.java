package health.stride.eligibility.web;

import static org.assertj.core.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import health.stride.eligibility.RosterImportId;
import health.stride.eligibility.RosterImportReport;
import health.stride.eligibility.RosterImportReport.LineError;
import health.stride.eligibility.RosterImportReport.Reason;
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

		var report = report(List.of(LineError.of(2, Reason.asWritten("=cmd|' /C calc'!A0")),
				LineError.of(3, Reason.asWritten("The member id is missing, \"really\"."))));

		assertThat(ErrorReports.csv(report, bundle(), Locale.ENGLISH).lines()).containsExactly("\"line\",\"problem\"",
				"\"2\",\"'=cmd|' /C calc'!A0\"", "\"3\",\"The member id is missing, \"\"really\"\".\"");
	}

	@Test
	void writesTheReasonsInTheReadersLanguageAndOldSentencesAsWritten() {

		var report = report(List.of(LineError.of(2, Reason.of("eligibility.roster.error.coverage-order", "2025-12-31", "2026-01-01")),
				new LineError(3, null, null, "The date of birth is wrong.")));

		assertThat(ErrorReports.csv(report, bundle(), Locale.of("es")).lines()).containsExactly(
				"\"línea\",\"problema\"", "\"2\",\"La cobertura termina (2025-12-31) antes de empezar (2026-01-01).\"",
				"\"3\",\"The date of birth is wrong.\"");
		assertThat(ErrorReports.csv(report, bundle(), Locale.ENGLISH).lines()).contains(
				"\"2\",\"Coverage ends (2025-12-31) before it starts (2026-01-01).\"");
	}

	private static RosterImportReport report(List<LineError> errors) {
		return new RosterImportReport(new RosterImportId(UUID.randomUUID()), new SponsorId(UUID.randomUUID()),
				Status.COMPLETED, "roster.csv", 10, 10, 2, 0, 0, 0, errors.size(), errors, null, Instant.now(), Instant.now());
	}

	/** The module's bundle, read as the platform reads it. */
	private static MessageSource bundle() {
		var bundle = new ResourceBundleMessageSource();
		bundle.setBasename("i18n/eligibility/messages");
		bundle.setDefaultEncoding("UTF-8");
		bundle.setAlwaysUseMessageFormat(true);
		bundle.setFallbackToSystemLocale(false);
		return bundle;
	}
}
