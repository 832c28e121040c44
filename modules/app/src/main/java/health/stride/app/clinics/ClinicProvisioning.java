package health.stride.app.clinics;

import java.time.Duration;
import java.util.Locale;
import java.util.NoSuchElementException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.app.security.KnownClinics;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.identity.Accounts;
import health.stride.platform.identity.Accounts.AccountConflict;
import health.stride.platform.identity.Accounts.NewAccount;
import health.stride.platform.identity.Accounts.OrganizationConflict;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.FieldErrors;

/**
 * Starts a clinic on Stride, in an order that can be undone: its Keycloak organization, then (in
 * one transaction) its registry row with {@code ClinicRegistered} and its first administrator's
 * account, emailed a link to set a password and a one-time-password app. A failure at any step
 * leaves nothing behind: the transaction rolls back the row and the event, the account and the
 * organization are removed from Keycloak again.
 */
@Service
class ClinicProvisioning {

	private static final Logger LOG = LoggerFactory.getLogger(ClinicProvisioning.class);

	private final Accounts accounts;
	private final ClinicRegistry registry;
	private final AuditTrail audit;
	private final TransactionTemplate transaction;
	private final KnownClinics known;
	private final Duration setupValidFor;

	ClinicProvisioning(Accounts accounts, ClinicRegistry registry, AuditTrail audit, PlatformTransactionManager transactions,
			KnownClinics known, @Value("${stride.clinics.admin-setup-valid-for:PT72H}") Duration setupValidFor) {
		this.accounts = accounts;
		this.known = known;
		this.registry = registry;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
		this.setupValidFor = setupValidFor;
	}

	/**
	 * @throws health.stride.platform.validation.InvalidInput if a field breaks its rule
	 * @throws ClinicConflict if the alias or the administrator's email is taken
	 * @throws Accounts.AccountsUnavailable if Keycloak cannot be reached or fails
	 */
	TenantId create(NewClinic clinic) {

		clinic.check().throwIfAny();

		var tenant = TenantId.of(java.util.Objects.requireNonNull(clinic.alias()));
		var name = java.util.Objects.requireNonNull(clinic.name()).strip();
		var admin = java.util.Objects.requireNonNull(clinic.admin());
		var email = java.util.Objects.requireNonNull(admin.email()).strip().toLowerCase(Locale.ROOT);

		if (registry.isRegistered(tenant)) {
			throw new ClinicConflict("alias");
		}

		Accounts.OrganizationId organization;
		try {
			organization = accounts.createOrganization(tenant, name);
		} catch (OrganizationConflict taken) {
			throw new ClinicConflict("alias");
		}

		var made = new java.util.concurrent.atomic.AtomicReference<Accounts.@org.jspecify.annotations.Nullable AccountId>();
		try {
			transaction.executeWithoutResult(status -> {
				registry.register(tenant, name, java.util.Objects.requireNonNull(clinic.zone()), clinic.stateCodes());
				// the email is the username: it is what a clinic administrator knows themselves by
				made.set(accounts.create(tenant, new NewAccount(email, email, null,
						java.util.Objects.requireNonNull(admin.firstName()).strip(),
						java.util.Objects.requireNonNull(admin.lastName()).strip()), Role.CLINIC_ADMIN));
				accounts.emailAccountSetup(java.util.Objects.requireNonNull(made.get()), setupValidFor);
			});
		} catch (RuntimeException failure) {
			// whatever failed, the commit included: the account and the organization go again
			LOG.warn("Could not create the clinic {}; removing its organization again: {}", tenant, failure.toString());
			var account = made.get();
			if (account != null) {
				accounts.delete(account);
			}
			accounts.deleteOrganization(organization);
			throw switch (failure) {
				case AccountConflict conflict -> new ClinicConflict("admin.email");
				case DataIntegrityViolationException race -> new ClinicConflict("alias");
				case IllegalArgumentException race when registry.isRegistered(tenant) -> new ClinicConflict("alias");
				case Accounts.AccountRejected rejected -> {
					var errors = new FieldErrors().reject("admin.email", "app.clinics.admin.email.invalid");
					yield new health.stride.platform.validation.InvalidInput(errors);
				}
				default -> failure;
			};
		}

		known.forget(tenant);
		record(tenant, "created");
		return tenant;
	}

	/**
	 * @throws NoSuchElementException if no clinic has this alias
	 */
	void suspend(TenantId clinic) {
		if (registry.suspend(clinic)) {
			known.forget(clinic);
			record(clinic, "suspended");
		}
	}

	/**
	 * @throws NoSuchElementException if no clinic has this alias
	 */
	void reactivate(TenantId clinic) {
		if (registry.reactivate(clinic)) {
			known.forget(clinic);
			record(clinic, "reactivated");
		}
	}

	/** Into the platform's own trail: the platform administrator works outside any clinic. */
	private void record(TenantId clinic, String what) {
		audit.record(CurrentUser.get().orElse(null), null, AuditAction.WRITE, AuditOutcome.SUCCESS, null,
				"clinic " + clinic.value() + " " + what);
	}
}
