package health.stride.platform.audit;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Records who touched what, when, and with which outcome. A successful change is recorded in the
 * transaction that makes it, so the entry and the change commit (or roll back) together and the
 * request needs one connection, not two. Denials and reads are written in a transaction of their
 * own, so they stay even when the work around them fails. The clinic is the current tenant;
 * without one the entry goes to the platform's own trail.
 */
@Service
public class AuditTrail {

	/** The MDC key under which the web layer keeps the id of the current request. */
	public static final String REQUEST_ID = "requestId";

	static final String SYSTEM = "system";

	private final JdbcClient jdbc;
	private final TransactionTemplate ownTransaction;
	private final Clock clock;

	AuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** Records an access by the signed-in user (or the system) in the current clinic. */
	public void record(AuditAction action, AuditOutcome outcome, @Nullable UUID patientId, @Nullable String resource) {
		record(CurrentUser.get().orElse(null), CurrentTenant.get().orElse(null), action, outcome, patientId, resource);
	}

	/** Records an access by the given user in the given clinic (or outside any clinic). */
	public void record(@Nullable StrideUser actor, @Nullable TenantId clinic, AuditAction action, AuditOutcome outcome,
			@Nullable UUID patientId, @Nullable String resource) {
		record(actor, clinic, action, outcome, patientId, resource, List.of(), null);
	}

	/**
	 * Makes a change in the current clinic and records it, successful, in one statement: one round trip
	 * to the database instead of two, for the hottest writes. The change is an {@code insert},
	 * {@code update} or {@code delete} with a {@code returning} clause, written as constant SQL with
	 * {@code ?} parameters; the entry is written only if the change returned a row, and both commit or
	 * roll back with the transaction.
	 *
	 * @return how many rows the change returned
	 * @throws IllegalStateException outside a writing transaction of the current clinic
	 */
	public int changeAndRecord(String change, List<?> params, AuditAction action, @Nullable UUID patientId,
			@Nullable String resource) {

		var clinic = CurrentTenant.require();
		if (!joinable(clinic)) {
			throw new IllegalStateException("A change is recorded with it only inside a writing transaction of its clinic");
		}
		var actor = CurrentUser.get().orElse(null);
		var entry = new AuditEvent(UUID.randomUUID(), clinic, clock.instant(), actor == null ? SYSTEM : actor.id(),
				actor == null ? null : actor.username(),
				actor == null ? null : actor.primaryRole().map(Role::realmRole).orElse(null), action, AuditOutcome.SUCCESS,
				patientId, resource, MDC.get(REQUEST_ID), List.of(), null);
		var all = new java.util.ArrayList<Object>(params);
		all.addAll(java.util.Arrays.asList(clinic.value(), entry.id(), java.sql.Timestamp.from(entry.occurredAt()),
				entry.actorId(), entry.actorUsername(), entry.actorRole(), entry.action().name(), entry.outcome().name(),
				entry.patientId(), entry.resource(), entry.requestId()));
		// data-changing statements in WITH run exactly once, in one snapshot; the entry reads the change's rows
		return jdbc.sql("with change as (" + change + """
				), entry as (
				  insert into platform.audit_event
				    (tenant_id, id, occurred_at, actor_id, actor_username, actor_role, action, outcome, patient_id, resource,
				     request_id)
				  select ?::text, ?::uuid, ?::timestamptz, ?::text, ?::text, ?::text, ?::text, ?::text, ?::uuid, ?::text, ?::text
				  where exists (select 1 from change))
				select count(*) from change""")
				.params(all).query(Integer.class).single();
	}

	/** A reason code: lower-case letters, digits and hyphens, as the trail stores it (never free text). */
	private static final java.util.regex.Pattern REASON = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	/**
	 * Records an access by the given user in the given clinic that needed a stated reason, e.g. a patient's
	 * record exported on request.
	 *
	 * @param reason why, as a code (never free text: the trail holds no PHI)
	 * @throws IllegalArgumentException for a reason that is not a code
	 */
	public void recordWithReason(StrideUser actor, TenantId clinic, AuditAction action, AuditOutcome outcome,
			@Nullable UUID patientId, @Nullable String resource, String reason) {
		if (!REASON.matcher(reason).matches()) {
			throw new IllegalArgumentException("A reason is a code of lower-case letters, digits and hyphens");
		}
		record(actor, clinic, action, outcome, patientId, resource, List.of(), reason);
	}

	/**
	 * Records that the signed-in user was shown a list of patients (a caseload page, an inbox, the
	 * assignment queue): one entry for the whole view, naming every patient on it, so each of them
	 * finds it among the accesses to their record. A view that showed nobody showed no patient's
	 * data and is not recorded.
	 *
	 * @param view what was shown, by kind (e.g. {@code caseload}), never by content
	 */
	public void recordListView(String view, Collection<UUID> patientsShown) {
		if (patientsShown.isEmpty()) {
			return;
		}
		record(CurrentUser.get().orElse(null), CurrentTenant.get().orElse(null), AuditAction.READ, AuditOutcome.SUCCESS,
				null, view, List.copyOf(new java.util.LinkedHashSet<>(patientsShown)), null);
	}

	private void record(@Nullable StrideUser actor, @Nullable TenantId clinic, AuditAction action, AuditOutcome outcome,
			@Nullable UUID patientId, @Nullable String resource, List<UUID> patientsShown, @Nullable String reason) {

		var entry = new AuditEvent(UUID.randomUUID(), clinic, clock.instant(), actor == null ? SYSTEM : actor.id(),
				actor == null ? null : actor.username(),
				actor == null ? null : actor.primaryRole().map(Role::realmRole).orElse(null), action, outcome, patientId,
				resource, MDC.get(REQUEST_ID), patientsShown, reason);

		if (clinic == null) {
			ownTransaction.executeWithoutResult(status -> insertOutsideClinic(entry));
		} else if (outcome == AuditOutcome.SUCCESS && joinable(clinic)) {
			insert(entry); // commits with the work it records, on the connection that work already holds
		} else {
			CurrentTenant.runAs(clinic, () -> ownTransaction.executeWithoutResult(status -> insert(entry)));
		}
	}

	/**
	 * Whether a successful access can be recorded in the transaction that performs it: one that
	 * writes, in the same clinic. Everything else (denials, reads in read-only transactions, accesses
	 * outside a transaction) is recorded in a transaction of its own, so it stays recorded whatever
	 * happens to the work.
	 */
	private static boolean joinable(TenantId clinic) {
		return TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()
				&& CurrentTenant.get().filter(clinic::equals).isPresent();
	}

	/** The current clinic's most recent entries, newest first. */
	public List<AuditEvent> latest(int limit) {
		return ownTransaction.execute(status -> jdbc.sql(SELECT + " order by occurred_at desc limit ?")
				.param(limit).query((row, number) -> entry(row)).list());
	}

	/**
	 * The current clinic's most recent entries about one patient, newest first: those about their
	 * record and the list views that showed them.
	 */
	public List<AuditEvent> aboutPatient(UUID patientId, int limit) {
		return ownTransaction.execute(status -> jdbc.sql(SELECT
				+ " where patient_id = ? or patients_shown @> array[?::uuid] order by occurred_at desc limit ?")
				.params(patientId, patientId, limit).query((row, number) -> entry(row)).list());
	}

	private static final String SELECT = """
			select id, tenant_id, occurred_at, actor_id, actor_username, actor_role, action, outcome, patient_id, resource,
			       request_id, patients_shown, reason
			from platform.audit_event""";

	private static AuditEvent entry(java.sql.ResultSet row) throws java.sql.SQLException {
		return new AuditEvent(row.getObject("id", UUID.class), TenantId.of(row.getString("tenant_id")),
				row.getTimestamp("occurred_at").toInstant(), row.getString("actor_id"), row.getString("actor_username"),
				row.getString("actor_role"), AuditAction.valueOf(row.getString("action")),
				AuditOutcome.valueOf(row.getString("outcome")), row.getObject("patient_id", UUID.class),
				row.getString("resource"), row.getString("request_id"), patientsShown(row.getArray("patients_shown")),
				row.getString("reason"));
	}

	private static List<UUID> patientsShown(java.sql.@Nullable Array shown) throws java.sql.SQLException {
		return shown == null ? List.of() : List.of((UUID[]) shown.getArray());
	}

	private void insert(AuditEvent entry) {
		jdbc.sql("""
				insert into platform.audit_event
				  (tenant_id, id, occurred_at, actor_id, actor_username, actor_role, action, outcome, patient_id, resource,
				   request_id, patients_shown, reason)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?)""")
				.params(Optional.ofNullable(entry.tenant()).map(TenantId::value).orElseThrow(), entry.id(),
						java.sql.Timestamp.from(entry.occurredAt()), entry.actorId(), entry.actorUsername(),
						entry.actorRole(), entry.action().name(), entry.outcome().name(), entry.patientId(), entry.resource(),
						entry.requestId(), entry.patientsShown().isEmpty() ? null
								: entry.patientsShown().stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}")),
						entry.reason())
				.update();
	}

	private void insertOutsideClinic(AuditEvent entry) {
		jdbc.sql("""
				insert into platform.platform_audit_event
				  (id, occurred_at, actor_id, actor_username, actor_role, action, outcome, resource, request_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(entry.id(), java.sql.Timestamp.from(entry.occurredAt()), entry.actorId(), entry.actorUsername(),
						entry.actorRole(),
						entry.action().name(), entry.outcome().name(), entry.resource(), entry.requestId())
				.update();
	}
}
