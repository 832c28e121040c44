package health.stride.careteams.web;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import health.stride.careteams.ClinicianManagement;
import health.stride.platform.security.CurrentUser;

/**
 * The signed-in clinician's caseload: the patients whose care team they are on. Until patients
 * are assigned to care teams it is empty, and says so.
 */
@Controller
class CaseloadController {

	private final ClinicianManagement clinicians;

	CaseloadController(ClinicianManagement clinicians) {
		this.clinicians = clinicians;
	}

	record CaseloadEntry(String patientId, String displayName, int priority, List<String> reasons,
			String lastActivityAt, int unreadMessages) {}

	record Page<T>(List<T> content, long totalElements) {}

	@GetMapping("/caseload")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
	String caseload(Model model) {

		var user = CurrentUser.require();

		model.addAttribute("clinician", clinicians.findByUsername(user.username()).orElse(null));
		model.addAttribute("entries", List.<CaseloadEntry> of());

		return "careteams/caseload";
	}

	@GetMapping("/api/caseload")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
	@ResponseBody
	Page<CaseloadEntry> caseload() {
		return new Page<>(List.of(), 0);
	}
}
