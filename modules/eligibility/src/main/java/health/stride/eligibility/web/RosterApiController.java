package health.stride.eligibility.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import health.stride.eligibility.RosterImportId;
import health.stride.eligibility.RosterImportReport;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.platform.security.CurrentUser;

/** Roster uploads over the JSON API, for sponsors' scripts and integrations. */
@RestController
class RosterApiController {

	private final SponsorManagement sponsors;
	private final RosterImports imports;

	RosterApiController(SponsorManagement sponsors, RosterImports imports) {
		this.sponsors = sponsors;
		this.imports = imports;
	}

	record Accepted(String importId) {}

	record ImportStatus(String importId, String sponsorCode, String status, int percentDone, long rowsRead, long added,
			long updated, long terminated, long rejected, List<RosterImportReport.LineError> errors, String failure) {}

	@PostMapping("/api/sponsors/{sponsorCode}/rosters")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	ResponseEntity<Accepted> upload(@PathVariable String sponsorCode,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file) throws IOException {

		// the file is optional for binding only, so that access is decided before the request is judged
		var sponsor = managed(sponsorCode);

		if (file == null || file.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Send the roster as a CSV file in the multipart field 'file'.");
		}

		var id = imports.submit(sponsor, Optional.ofNullable(file.getOriginalFilename()).orElse("roster.csv"),
				file.getInputStream(), CurrentUser.require().id());

		return ResponseEntity.accepted().body(new Accepted(id.toString()));
	}

	@GetMapping("/api/roster-imports/{importId}")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	ImportStatus status(@PathVariable UUID importId) {

		var report = RosterAccess.visibleReport(sponsors, imports, new RosterImportId(importId));
		var sponsor = sponsors.find(report.sponsor()).orElseThrow(RosterAccess::notFound);

		return new ImportStatus(report.id().toString(), sponsor.code().value(), report.status().name(),
				report.percentDone(), report.rowsRead(), report.added(), report.updated(), report.terminated(),
				report.rejected(), report.errors(), report.failure());
	}

	@GetMapping(path = "/api/roster-imports/{importId}/errors", produces = "text/csv")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	ResponseEntity<String> errors(@PathVariable UUID importId) {

		var report = RosterAccess.visibleReport(sponsors, imports, new RosterImportId(importId));

		return ResponseEntity.ok()
				.header("Content-Disposition", "attachment; filename=\"roster-errors-" + importId + ".csv\"")
				.body(ErrorReports.csv(report));
	}

	private SponsorSummary managed(String code) {
		return RosterAccess.managedSponsor(sponsors, code);
	}
}
