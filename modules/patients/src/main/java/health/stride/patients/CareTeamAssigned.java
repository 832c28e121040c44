package health.stride.patients;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.platform.tenancy.TenantId;

/**
 * A patient's care team of record was set or changed (the clinicians' ids in the care teams
 * module).
 *
 * @param previousTherapist the therapist before, none when this is the patient's first care team
 * @param previousCoach the coach before, if there was one
 * @param assignedAt when the change was recorded: with the patient, it names this change
 */
public record CareTeamAssigned(TenantId tenant, PatientId patient, UUID therapist, @Nullable UUID coach,
		@Nullable UUID previousTherapist, @Nullable UUID previousCoach, Instant assignedAt) {

	/** Whether the patient had a care team before, so this changed it rather than formed it. */
	public boolean isChange() {
		return previousTherapist != null;
	}
}
