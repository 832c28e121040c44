package health.stride.programs.web;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;

/** The clinic's program templates over the API. */
@RestController
class TemplateApiController {

	private final ProgramTemplates templates;

	TemplateApiController(ProgramTemplates templates) {
		this.templates = templates;
	}

	@GetMapping("/api/program-templates")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	List<ProgramTemplate> templates() {
		return templates.all();
	}
}
