package health.stride.programs.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import health.stride.programs.ProgramTemplates;
import health.stride.platform.tenancy.ClinicRegistered;
import health.stride.platform.tenancy.CurrentTenant;

/** A new clinic starts with Stride's program templates. */
@Component
class ClinicTemplatesListener {

	private final ProgramTemplates templates;

	ClinicTemplatesListener(ProgramTemplates templates) {
		this.templates = templates;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ClinicRegistered event) {
		CurrentTenant.runAs(event.tenant(), templates::seedDefaults);
	}
}
