package health.stride.platform.tenancy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * The clinics Stride serves. Registering a clinic creates the tenant and announces it; modules
 * that give a new clinic something to start with (e.g. program templates) listen.
 */
@Service
@Transactional(readOnly = true)
public class ClinicRegistry {

	private final Clinics clinics;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ClinicRegistry(Clinics clinics, ApplicationEventPublisher events, Clock clock) {
		this.clinics = clinics;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Clinic register(TenantId tenant, String name) {

		Assert.hasText(name, "A clinic needs a name");

		if (clinics.existsById(tenant.value())) {
			throw new IllegalArgumentException("A clinic with the alias " + tenant + " is already registered");
		}

		var clinic = clinics.save(new Clinic(tenant, name.strip(), clock.instant()));
		events.publishEvent(new ClinicRegistered(tenant));
		return clinic;
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
