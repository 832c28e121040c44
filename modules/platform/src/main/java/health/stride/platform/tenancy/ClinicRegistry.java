package health.stride.platform.tenancy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * The clinics Stride serves. Registering a clinic creates the tenant; it does not touch any
 * tenant-owned data.
 */
@Service
@Transactional(readOnly = true)
public class ClinicRegistry {

	private final Clinics clinics;
	private final Clock clock;

	ClinicRegistry(Clinics clinics, Clock clock) {
		this.clinics = clinics;
		this.clock = clock;
	}

	@Transactional
	public Clinic register(TenantId tenant, String name) {

		Assert.hasText(name, "A clinic needs a name");

		if (clinics.existsById(tenant.value())) {
			throw new IllegalArgumentException("A clinic with the alias " + tenant + " is already registered");
		}

		return clinics.save(new Clinic(tenant, name.strip(), clock.instant()));
	}

	public Optional<Clinic> find(TenantId tenant) {
		return clinics.findById(tenant.value());
	}

	public boolean isRegistered(TenantId tenant) {
		return clinics.existsById(tenant.value());
	}

	public List<Clinic> all() {
		return clinics.findAllByOrderByName();
	}
}
