package health.stride.eligibility.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import de.siegmar.fastcsv.writer.CsvWriter;

import health.stride.eligibility.EnrollmentReports;
import health.stride.eligibility.SponsorManagement;

/** The enrollment counts as a CSV file: aggregates only, withheld cells marked as such. */
@Controller
class EnrollmentExportController {

	private final SponsorManagement sponsors;
	private final EnrollmentReports reports;

	EnrollmentExportController(SponsorManagement sponsors, EnrollmentReports reports) {
		this.sponsors = sponsors;
		this.reports = reports;
	}

	@GetMapping(path = "/sponsors/{code}/enrollment.csv", produces = "text/csv")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	ResponseEntity<String> export(@PathVariable String code) {

		var sponsor = RosterAccess.managedSponsor(sponsors, code);
		var report = reports.of(sponsor.id());
		var out = new StringWriter();

		try (var csv = CsvWriter.builder().build(out)) {
			csv.writeRecord("measure", "period", "members");
			csv.writeRecord("eligible", "today", cell(report.eligible()));
			csv.writeRecord("enrolled", "all time", cell(report.enrolled()));
			csv.writeRecord("active", "last 30 days", cell(report.activeLast30Days()));
			for (var month : report.byMonth()) {
				csv.writeRecord("enrolled", month.month().toString(), cell(month.enrolled()));
				csv.writeRecord("active", month.month().toString(), cell(month.active()));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}

		return ResponseEntity.ok()
				.header("Content-Disposition", "attachment; filename=\"enrollment-" + sponsor.code() + ".csv\"")
				.body(out.toString());
	}

	private static String cell(@Nullable Long count) {
		return count == null ? "fewer than 11" : String.valueOf(count);
	}
}
