package health.stride.eligibility.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import health.stride.eligibility.EnrollmentReport;
import health.stride.eligibility.EnrollmentReports;
import health.stride.eligibility.SponsorManagement;

/** Enrollment counts of a sponsor, for its administrator and the clinic's. */
@RestController
class EnrollmentApiController {

	private final SponsorManagement sponsors;
	private final EnrollmentReports reports;

	EnrollmentApiController(SponsorManagement sponsors, EnrollmentReports reports) {
		this.sponsors = sponsors;
		this.reports = reports;
	}

	@GetMapping("/api/sponsors/{sponsorCode}/enrollment")
	@PreAuthorize("hasAnyRole('CLINIC_ADMIN', 'SPONSOR_ADMIN')")
	EnrollmentReport enrollment(@PathVariable String sponsorCode) {
		return reports.of(RosterAccess.managedSponsor(sponsors, sponsorCode).id());
	}
}
