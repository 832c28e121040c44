package health.stride.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.platform.tenancy.TenantId;

/**
 * One line of the audit trail, as read back (e.g. for a clinic administrator).
 *
 * @param tenant the clinic, or none for what happened outside any clinic
 * @param actorId the Keycloak user id (token subject), or {@code system}
 * @param actorUsername the username of whoever acted, none for the system
 * @param resource what was touched, by kind and id (e.g. {@code clinician}), never by content
 * @param patientsShown the patients a list view showed (a caseload, an inbox), empty for anything else
 * @param reason why, by code, for an action that needs a stated reason (e.g. an export on request); none otherwise
 */
public record AuditEvent(UUID id, @Nullable TenantId tenant, Instant occurredAt, String actorId,
		@Nullable String actorUsername, @Nullable String actorRole, AuditAction action, AuditOutcome outcome,
		@Nullable UUID patientId, @Nullable String resource, @Nullable String requestId, List<UUID> patientsShown,
		@Nullable String reason) {

	public AuditEvent {
		patientsShown = List.copyOf(patientsShown);
	}
}
