package health.stride.careteams;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.careteams.internal.Clinician;
import health.stride.careteams.internal.Clinicians;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.CurrentTenant;

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
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final Clock clock;
	private final Duration inviteValidFor;

	ClinicianManagement(Clinicians clinicians, Accounts accounts, AuditTrail audit, JdbcClient jdbc,
			PlatformTransactionManager transactions, Clock clock,
			@Value("${stride.clinicians.invite-valid-for:PT72H}") Duration inviteValidFor) {
		this.clinicians = clinicians;
		this.accounts = accounts;
		this.audit = audit;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		this.inviteValidFor = inviteValidFor;
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
		return clinician.id();
	}

	/** Records a license or compact privilege, replacing the one the clinician had for that state. */
	@Transactional
	public void license(ClinicianId clinician, License license) {
		jdbc.sql("""
				insert into careteams.license (tenant_id, clinician_id, state, kind, number, expires_on)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?)
				on conflict (tenant_id, clinician_id, state) do update
				set kind = excluded.kind, number = excluded.number, expires_on = excluded.expires_on""")
				.params(clinician.id(), license.state(), license.kind().name(), license.number(),
						java.sql.Date.valueOf(license.expiresOn()))
				.update();
	}

	@Transactional
	public void removeLicense(ClinicianId clinician, String state) {
		jdbc.sql("delete from careteams.license where clinician_id = ? and state = ?").params(clinician.id(), state)
				.update();
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

	private ClinicianSummary summary(Clinician clinician) {
		return clinician.summary(licensesOf(clinician.id().id()), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
	}

	private List<License> licensesOf(UUID clinician) {
		return jdbc.sql("select state, kind, number, expires_on from careteams.license where clinician_id = ? order by state")
				.param(clinician)
				.query((row, number) -> new License(row.getString(1), LicenseKind.valueOf(row.getString(2)),
						row.getString(3), row.getDate(4).toLocalDate()))
				.list();
	}
}
