package health.stride.platform.tenancy;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;

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
	private final AuditTrail audit;

	ClinicRegistry(Clinics clinics, ApplicationEventPublisher events, Clock clock, AuditTrail audit) {
		this.clinics = clinics;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Clinic register(TenantId tenant, String name) {
		return register(tenant, name, ZoneId.of("America/Los_Angeles"), List.of());
	}

	/**
	 * Registers a clinic that works in the given time zone and serves the given US states (two-letter
	 * codes, checked by the caller), and announces it.
	 */
	@Transactional
	public Clinic register(TenantId tenant, String name, ZoneId timeZone, List<String> states) {

		Assert.hasText(name, "A clinic needs a name");

		if (clinics.existsById(tenant.value())) {
			throw new IllegalArgumentException("A clinic with the alias " + tenant + " is already registered");
		}

		var clinic = clinics.save(new Clinic(tenant, name.strip(), timeZone, states, clock.instant()));
		events.publishEvent(new ClinicRegistered(tenant));
		return clinic;
	}

	/**
	 * Changes what the clinic's settings describe, all at once.
	 *
	 * @throws IllegalArgumentException if no such clinic is registered
	 */
	@Transactional
	public Clinic describe(TenantId tenant, ClinicSettings settings) {
		var clinic = clinics.findById(tenant.value())
				.orElseThrow(() -> new IllegalArgumentException("No clinic " + tenant));
		clinic.describe(settings);
		var saved = clinics.save(clinic);
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "clinic-settings");
		return saved;
	}

	/** Replaces the clinic's logo, checked by {@link ClinicLogo#check}. */
	@Transactional
	public void changeLogo(TenantId tenant, ClinicLogo logo) {
		if (clinics.changeLogo(tenant.value(), logo.bytes(), logo.type()) != 1) {
			throw new IllegalArgumentException("No clinic " + tenant);
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "clinic-logo");
	}

	@Transactional
	public void removeLogo(TenantId tenant) {
		clinics.removeLogo(tenant.value());
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "clinic-logo");
	}

	/** The clinic's logo, if it has one. */
	public Optional<ClinicLogo> logo(TenantId tenant) {
		return clinics.findById(tenant.value()).flatMap(Clinic::logoType)
				.flatMap(type -> clinics.findLogo(tenant.value()).stream().findFirst().map(bytes -> new ClinicLogo(bytes, type)));
	}

	/**
	 * Pauses the clinic's access (its members are turned away, nothing is deleted).
	 *
	 * @return whether it was active until now
	 * @throws java.util.NoSuchElementException if no clinic has this alias
	 */
	@Transactional
	public boolean suspend(TenantId tenant) {
		return clinics.findById(tenant.value()).orElseThrow().suspend(clock.instant());
	}

	/**
	 * Restores the clinic's access.
	 *
	 * @return whether it was suspended until now
	 * @throws java.util.NoSuchElementException if no clinic has this alias
	 */
	@Transactional
	public boolean reactivate(TenantId tenant) {
		return clinics.findById(tenant.value()).orElseThrow().reactivate();
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
