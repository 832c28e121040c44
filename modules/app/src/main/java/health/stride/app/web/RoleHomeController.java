package health.stride.app.web;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import health.stride.careteams.ClinicianManagement;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.EnrollmentChart;
import health.stride.eligibility.EnrollmentReports;
import health.stride.eligibility.SponsorManagement;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Where each role lands after signing in. The therapists' and coaches' home, the caseload,
 * belongs to the care teams module.
 */
@Controller
class RoleHomeController {

	private final ClinicRegistry clinics;
	private final ClinicianManagement clinicians;
	private final SponsorManagement sponsors;
	private final RosterImports imports;
	private final EnrollmentReports enrollment;

	RoleHomeController(ClinicRegistry clinics, ClinicianManagement clinicians, SponsorManagement sponsors,
			RosterImports imports, EnrollmentReports enrollment) {
		this.enrollment = enrollment;
		this.clinics = clinics;
		this.clinicians = clinicians;
		this.sponsors = sponsors;
		this.imports = imports;
	}

	@GetMapping("/")
	@PreAuthorize("permitAll()")
	String home() {
		return CurrentUser.get()
				.flatMap(user -> user.primaryRole())
				.map(role -> "redirect:" + homeOf(role))
				.orElse("app/landing");
	}

	@GetMapping("/sponsor")
	@PreAuthorize("hasRole('SPONSOR_ADMIN')")
	String sponsor(Model model) {

		var sponsor = sponsors.sponsorOf(CurrentUser.require().username());

		model.addAttribute("clinic", currentClinicName());
		model.addAttribute("sponsor", sponsor.orElse(null));
		sponsor.ifPresent(it -> {
			var report = enrollment.of(it.id());
			model.addAttribute("report", report);
			model.addAttribute("chart", EnrollmentChart.of(report, LocaleContextHolder.getLocale()));
			model.addAttribute("imports", imports.latest(it.id(), 5));
		});

		return "app/sponsor";
	}

	@GetMapping("/admin")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String admin(Model model) {
		model.addAttribute("clinic", currentClinicName());
		model.addAttribute("clinicians", clinicians.all());
		return "app/admin";
	}

	static String homeOf(Role role) {
		return switch (role) {
			case THERAPIST, COACH -> "/caseload";
			case PATIENT -> "/portal";
			case SPONSOR_ADMIN -> "/sponsor";
			case CLINIC_ADMIN -> "/admin";
			case PLATFORM_ADMIN -> "/platform";
		};
	}

	private String currentClinicName() {
		return CurrentTenant.get().flatMap(clinics::find).map(it -> it.name()).orElse("");
	}
}
