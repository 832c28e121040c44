package health.stride.careteams;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.internal.Clinician;
import health.stride.careteams.internal.ClinicianPages;
import health.stride.careteams.internal.Clinicians;
import health.stride.careteams.internal.LicenseRecords;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;

/**
 * The therapists and coaches of the current clinic, with their licenses and how many patients
 * each takes on.
 */
@Service
@Transactional(readOnly = true)
public class ClinicianManagement {

	private final Clinicians clinicians;
	private final Accounts accounts;
	private final AuditTrail audit;
	private final LicenseRecords licenses;
	private final TransactionTemplate transaction;
	private final Clock clock;
	private final Duration inviteValidFor;
	private final Hosts hosts;
	private final ClinicianPages pages;

	ClinicianManagement(Clinicians clinicians, Accounts accounts, AuditTrail audit, LicenseRecords licenses,
			PlatformTransactionManager transactions, Clock clock,
			@Value("${stride.clinicians.invite-valid-for:PT72H}") Duration inviteValidFor, Hosts hosts,
			ClinicianPages pages) {
		this.clinicians = clinicians;
		this.accounts = accounts;
		this.audit = audit;
		this.licenses = licenses;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		this.inviteValidFor = inviteValidFor;
		this.hosts = hosts;
		this.pages = pages;
	}

	/** A clinician invited; Keycloak emailed them the link to choose their password. */
	public record Invited(ClinicianId id) {}

	/**
	 * Creates the clinician's Keycloak account in the clinic's organization with their role and no
	 * password, has Keycloak email them a link to choose one (nobody else ever sees or sets it), then
	 * stores the clinician. If any step fails, the account is removed again.
	 *
	 * @throws Accounts.AccountConflict if the username or email is taken
	 * @throws Accounts.AccountsUnavailable if Keycloak cannot be reached
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Invited invite(NewClinician clinician) {

		var account = accounts.create(CurrentTenant.require(), new Accounts.NewAccount(clinician.username(),
				clinician.email(), null, clinician.firstName(), clinician.lastName()),
				clinician.role() == ClinicianRole.THERAPIST ? Role.THERAPIST : Role.COACH);
		try {
			accounts.emailPasswordSetup(account, inviteValidFor);
			var id = transaction.execute(status -> {
				var added = add(clinician.username(), clinician.displayName(), clinician.role(), clinician.licenses());
				var saved = clinicians.findById(added.id()).orElseThrow();
				saved.account(account.value());
				saved.capacity(clinician.capacity());
				return added;
			});
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "clinician");
			return new Invited(java.util.Objects.requireNonNull(id));
		} catch (RuntimeException e) {
			accounts.delete(account);
			throw e;
		}
	}

	@Transactional
	public ClinicianId add(String username, String displayName, ClinicianRole role, Collection<License> licenses) {

		var clinician = clinicians.saveAndFlush(new Clinician(username, displayName, role, clock.instant()));
		licenses.forEach(license -> license(clinician.id(), license));
		hosts.enlist(clinician.id().id(), username, displayName,
				role == ClinicianRole.THERAPIST ? HostKind.THERAPIST : HostKind.COACH);
		return clinician.id();
	}

	/** Records a license or compact privilege, replacing the one the clinician had for that state. */
	@Transactional
	public void license(ClinicianId clinician, License license) {
		licenses.save(clinician, license);
	}

	@Transactional
	public void removeLicense(ClinicianId clinician, String state) {
		licenses.remove(clinician, state);
	}

	@Transactional
	public void capacity(ClinicianId clinician, int patients) {
		clinicians.findById(clinician.id()).orElseThrow().capacity(patients);
	}

	public Optional<ClinicianSummary> find(ClinicianId id) {
		return clinicians.findById(id.id()).map(this::summary);
	}

	public Optional<ClinicianSummary> findByUsername(String username) {
		return clinicians.findByUsername(username).map(this::summary);
	}

	public List<ClinicianSummary> all() {
		return clinicians.findAll().stream().map(this::summary)
				.sorted(java.util.Comparator.comparing(ClinicianSummary::displayName)).toList();
	}

	/**
	 * One page of the clinic's clinicians, by name then id, read from the database page by page: those with a
	 * word of their name starting with {@code name} (case ignored), or all of them when it is null.
	 */
	public List<ClinicianSummary> page(@Nullable String name, int offset, int limit) {
		if (offset < 0 || limit < 1) {
			throw new IllegalArgumentException("A page starts at 0 or later and holds at least one clinician");
		}
		return pages.page(name, offset, limit, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
	}

	private ClinicianSummary summary(Clinician clinician) {
		return clinician.summary(licenses.of(clinician.id().id()), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
	}
}
