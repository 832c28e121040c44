package health.stride.eligibility.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.platform.security.CurrentUser;

/** Roster uploads over the JSON API, for sponsors' scripts and integrations. */
@RestController
class RosterApiController {

	private final SponsorManagement sponsors;
	private final RosterImports imports;
	private final MessageSource messages;

	RosterApiController(SponsorManagement sponsors, RosterImports imports, MessageSource messages) {
		this.sponsors = sponsors;
		this.imports = imports;
		this.messages = messages;
	}

	record Accepted(String importId) {}

	record ImportStatus(String importId, String sponsorCode, String status, int percentDone, long rowsRead, long added,
			long updated, long terminated, long rejected, List<LineError> errors, @Nullable String failure) {}

	/** A rejected line, its reason in the reader's language. */
	record LineError(long line, String message) {}

	@PostMapping("/api/sponsors/{sponsorCode}/rosters")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	ResponseEntity<Accepted> upload(@PathVariable String sponsorCode,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file) throws IOException {

		// the file is optional for binding only, so that access is decided before the request is judged
		var sponsor = managed(sponsorCode);

		if (file == null || file.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					messages.getMessage("eligibility.api.roster-file-required", null, LocaleContextHolder.getLocale()));
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
		var locale = LocaleContextHolder.getLocale();

		return new ImportStatus(report.id().toString(), sponsor.code().value(), report.status().name(),
				report.percentDone(), report.rowsRead(), report.added(), report.updated(), report.terminated(),
				report.rejected(),
				report.errors().stream().map(it -> new LineError(it.line(), it.reason().in(messages, locale))).toList(),
				report.failure() == null ? null : report.failure().in(messages, locale));
	}

	@GetMapping(path = "/api/roster-imports/{importId}/errors", produces = "text/csv")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	ResponseEntity<String> errors(@PathVariable UUID importId) {

		var report = RosterAccess.visibleReport(sponsors, imports, new RosterImportId(importId));

		return ResponseEntity.ok()
				.header("Content-Disposition", "attachment; filename=\"roster-errors-" + importId + ".csv\"")
				.body(ErrorReports.csv(report, messages, LocaleContextHolder.getLocale()));
	}

	private SponsorSummary managed(String code) {
		return RosterAccess.managedSponsor(sponsors, code);
	}
}
