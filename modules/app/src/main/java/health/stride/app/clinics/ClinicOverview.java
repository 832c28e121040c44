package health.stride.app.clinics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianManagement;
import health.stride.eligibility.SponsorManagement;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * The platform administrator's view of every clinic: counts only, never a person. Each clinic's
 * counts are asked of its modules as that clinic, since its rows are visible only to it.
 */
@Component
class ClinicOverview {

	/** One clinic's line on the platform page. */
	record Row(String alias, String name, ZoneId timeZone, List<String> states, long clinicians, long activePatients,
			long sponsors, @Nullable Instant suspendedAt) {}

	private final ClinicRegistry registry;
	private final ClinicianManagement clinicians;
	private final PatientDirectory patients;
	private final SponsorManagement sponsors;

	ClinicOverview(ClinicRegistry registry, ClinicianManagement clinicians, PatientDirectory patients,
			SponsorManagement sponsors) {
		this.registry = registry;
		this.clinicians = clinicians;
		this.patients = patients;
		this.sponsors = sponsors;
	}

	List<Row> all() {
		return registry.all().stream().map(clinic -> CurrentTenant.callAs(clinic.tenant(),
				() -> new Row(clinic.tenant().value(), clinic.name(), clinic.timeZone(), clinic.states(),
						clinicians.all().stream().filter(it -> it.active()).count(), patients.countActive(),
						sponsors.all().size(), clinic.suspendedAt().orElse(null))))
				.toList();
	}
}
