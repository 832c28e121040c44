package health.stride.eligibility.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import health.stride.eligibility.RosterImportId;
import health.stride.eligibility.RosterImportReport;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.platform.security.CurrentUser;

/**
 * Which sponsors and imports the signed-in user may see. Everything else is "not found", so
 * nobody learns that another sponsor's (or clinic's) upload exists.
 */
final class RosterAccess {

	private RosterAccess() {}

	static SponsorSummary managedSponsor(SponsorManagement sponsors, String code) {
		try {
			return sponsors.managedBy(CurrentUser.require(), SponsorCode.of(code)).orElseThrow(RosterAccess::notFound);
		} catch (IllegalArgumentException malformed) {
			throw notFound();
		}
	}

	static RosterImportReport visibleReport(SponsorManagement sponsors, RosterImports imports, RosterImportId id) {

		var report = imports.report(id).orElseThrow(RosterAccess::notFound);
		var user = CurrentUser.require();
		var sponsor = sponsors.find(report.sponsor()).orElseThrow(RosterAccess::notFound);

		sponsors.managedBy(user, sponsor.code()).orElseThrow(RosterAccess::notFound);

		return report;
	}

	/** Its detail, on the API, in the reader's language (the problem handler resolves the code). */
	static ErrorResponseException notFound() {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatus(HttpStatus.NOT_FOUND), null,
				"eligibility.roster.not-found", null);
	}
}
