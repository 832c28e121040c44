package health.stride.visits.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.VisitId;

/**
 * Someone who may be in a visit's room: the visit's patient or clinician (by their username), or a
 * guest the clinician invited (by the guest link's id). {@code displayName} is what the others see;
 * {@code actor} is whom the audit trail names (for a guest, the link's id and nothing else). Not an
 * event: it never leaves the node, and the visit comes first.
 */
public record RoomParticipant(VisitId visit, TenantId tenant, PatientId patient, RoomRole role, @Nullable String username,
		@Nullable UUID guestId, String displayName, StrideUser actor) {

	@Override
	public String toString() {
		return "RoomParticipant[visit=" + visit + ", role=" + role + "]"; // no names in logs
	}
}
