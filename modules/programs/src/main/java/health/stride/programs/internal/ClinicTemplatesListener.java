package health.stride.programs.internal;

import org.springframework.stereotype.Component;

import health.stride.programs.ProgramTemplates;
import health.stride.platform.tenancy.ClinicRegistered;
import health.stride.platform.tenancy.ClinicListener;

/** A new clinic starts with Stride's program templates. */
@Component
class ClinicTemplatesListener {

	private final ProgramTemplates templates;

	ClinicTemplatesListener(ProgramTemplates templates) {
		this.templates = templates;
	}

	@ClinicListener
	void on(ClinicRegistered event) {
		templates.seedDefaults();
	}
}
