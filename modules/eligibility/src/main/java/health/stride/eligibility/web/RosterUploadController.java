package health.stride.eligibility.web;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import health.stride.eligibility.RosterImportId;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.internal.RosterParser;
import health.stride.platform.security.CurrentUser;

/**
 * Uploading a sponsor's roster from the browser and watching it import: for clinic administrators
 * and the sponsor's own administrator.
 */
@Controller
class RosterUploadController {

	private final SponsorManagement sponsors;
	private final RosterImports imports;
	private final MessageSource messages;

	RosterUploadController(SponsorManagement sponsors, RosterImports imports, MessageSource messages) {
		this.sponsors = sponsors;
		this.imports = imports;
		this.messages = messages;
	}

	/** A rejected line as the page shows it, its reason in the reader's language. */
	record Rejected(long line, String problem) {}

	@GetMapping("/sponsors/{code}/rosters/new")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	String form(@PathVariable String code, Model model) {
		model.addAttribute("sponsor", RosterAccess.managedSponsor(sponsors, code));
		model.addAttribute("header", String.join(",", RosterParser.HEADER));
		return "eligibility/roster-upload";
	}

	@PostMapping("/sponsors/{code}/rosters")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	String upload(@PathVariable String code, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			Model model) throws IOException {

		var sponsor = RosterAccess.managedSponsor(sponsors, code);

		if (file == null || file.isEmpty()) {
			model.addAttribute("sponsor", sponsor);
			model.addAttribute("header", String.join(",", RosterParser.HEADER));
			model.addAttribute("fileError", "eligibility.roster.upload.choose-file");
			return "eligibility/roster-upload";
		}

		var id = imports.submit(sponsor, Optional.ofNullable(file.getOriginalFilename()).orElse("roster.csv"),
				file.getInputStream(), CurrentUser.require().id());

		return "redirect:/sponsors/" + sponsor.code() + "/imports/" + id;
	}

	@GetMapping("/sponsors/{code}/imports/{importId}")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	String show(@PathVariable String code, @PathVariable UUID importId, Model model) {
		fill(code, importId, model);
		return "eligibility/roster-import";
	}

	@GetMapping("/sponsors/{code}/imports/{importId}/progress")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	String progress(@PathVariable String code, @PathVariable UUID importId, Model model) {
		fill(code, importId, model);
		return "eligibility/roster-import :: progress";
	}

	@GetMapping(path = "/sponsors/{code}/imports/{importId}/errors.csv", produces = "text/csv")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	ResponseEntity<String> errors(@PathVariable String code, @PathVariable UUID importId) {

		var report = RosterAccess.visibleReport(sponsors, imports, new RosterImportId(importId));

		return ResponseEntity.ok()
				.header("Content-Disposition", "attachment; filename=\"roster-errors-" + importId + ".csv\"")
				.body(ErrorReports.csv(report, messages, LocaleContextHolder.getLocale()));
	}

	private void fill(String code, UUID importId, Model model) {

		var sponsor = RosterAccess.managedSponsor(sponsors, code);
		var report = RosterAccess.visibleReport(sponsors, imports, new RosterImportId(importId));

		if (!report.sponsor().equals(sponsor.id())) {
			throw RosterAccess.notFound();
		}

		var locale = LocaleContextHolder.getLocale();
		model.addAttribute("sponsor", sponsor);
		model.addAttribute("report", report);
		model.addAttribute("failure", report.failure() == null ? null : report.failure().in(messages, locale));
		model.addAttribute("rejectedLines", report.errors().stream().limit(50)
				.map(it -> new Rejected(it.line(), it.reason().in(messages, locale))).toList());
	}
}
